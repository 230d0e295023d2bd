/// One machine's identity and traffic; its slots live in ``Fleet``'s flat arrays.
struct VendingMachine {
    let site: Int
    let kind: SiteKind
    /// Scales the site kind's traffic: some machines stand in better spots than others.
    let busyness: Double
    /// Sessions started so far; numbers the events.
    var sessions = 0
    var nextRefill: Int64 = .min
}

extension SiteKind {
    var hourlyTotal: Double { hourly.reduce(0, +) }
}
