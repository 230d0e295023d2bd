/// Where a machine stands, which shapes its traffic over the day and the week.
public enum SiteKind: String, CaseIterable, Sendable {
    case office, campus, station, gym

    /// Relative sales per hour of the day (UTC), 0 to 23.
    var hourly: [Double] {
        switch self {
        case .office: [0, 0, 0, 0, 0, 0.1, 0.4, 1.5, 3.5, 3.0, 2.2, 2.5, 3.5, 3.0, 2.0, 2.8, 2.4, 1.2, 0.5, 0.2, 0.1, 0, 0, 0]
        case .campus: [0.4, 0.2, 0.1, 0, 0, 0, 0.1, 0.5, 1.5, 2.5, 2.5, 2.8, 3.2, 3.0, 2.6, 2.6, 2.8, 2.6, 2.4, 2.4, 2.2, 1.8, 1.2, 0.8]
        case .station: [0.3, 0.1, 0.1, 0.1, 0.2, 0.8, 2.5, 4.0, 4.0, 2.0, 1.2, 1.2, 1.5, 1.3, 1.2, 1.6, 2.8, 4.0, 3.8, 2.2, 1.4, 1.0, 0.7, 0.5]
        case .gym: [0, 0, 0, 0, 0, 0.6, 2.5, 2.8, 1.8, 1.0, 0.8, 0.8, 1.6, 1.2, 0.8, 0.9, 1.6, 3.0, 3.6, 3.4, 2.6, 1.4, 0.4, 0]
        }
    }

    /// How busy Saturdays and Sundays are, relative to weekdays.
    var weekendFactor: Double {
        switch self {
        case .office: 0.12
        case .campus: 0.55
        case .station: 0.7
        case .gym: 1.15
        }
    }

    /// Sales a machine makes on a weekday, on average.
    var salesPerWeekday: Double {
        switch self {
        case .office: 90
        case .campus: 140
        case .station: 180
        case .gym: 70
        }
    }

    /// Days between refills.
    var refillEveryDays: Int {
        switch self {
        case .office, .gym: 2
        case .campus, .station: 1
        }
    }

    /// Share of the fleet at this kind of site.
    var share: Double {
        switch self {
        case .office: 0.4
        case .campus: 0.2
        case .station: 0.25
        case .gym: 0.15
        }
    }
}
