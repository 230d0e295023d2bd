import Fleet

/// What `generate --stats` prints.
struct GenerateSummary: Encodable {
    struct Member: Encodable {
        let participant: String
        let events: Int
    }

    let sessions: Int
    let events: Int
    let purchases: Int
    let anonymousPurchases: Int
    let refunds: Int
    let redemptions: Int
    let denied: Int
    let soldOutSelections: Int
    let walkedAway: Int
    let refundRate: Double
    let eventsByHour: [Int]
    let topMembers: [Member]

    init(_ statistics: GeneratorStatistics, memberIDs: (Int) -> String) {
        sessions = statistics.sessions
        events = statistics.events
        purchases = statistics.purchases
        anonymousPurchases = statistics.anonymousPurchases
        refunds = statistics.refunds
        redemptions = statistics.redemptions
        denied = statistics.denied
        soldOutSelections = statistics.soldOutSelections
        walkedAway = statistics.walkedAway
        refundRate = statistics.refundRate
        eventsByHour = statistics.eventsByHour
        topMembers = statistics.topMembers(10).map { Member(participant: memberIDs($0.member), events: $0.events) }
    }

    var table: String {
        var counts = TextTable([.text("what"), .number("count")])
        counts.append(["cashless sessions", "\(sessions)"])
        counts.append(["events", "\(events)"])
        counts.append(["  purchases", "\(purchases)"])
        counts.append(["    anonymous", "\(anonymousPurchases)"])
        counts.append(["  refunds (vend failed)", "\(refunds)"])
        counts.append(["  redemptions", "\(redemptions)"])
        counts.append(["payments declined", "\(denied)"])
        counts.append(["sold-out selections", "\(soldOutSelections)"])
        counts.append(["walked away", "\(walkedAway)"])
        counts.append(["refund rate", String(format: "%.2f %%", refundRate * 100)])
        let busiest = max(1, eventsByHour.max() ?? 1)
        var hours = TextTable([.text("hour"), .number("events"), .text("")])
        for (hour, count) in eventsByHour.enumerated() {
            hours.append([hour < 10 ? "0\(hour):00" : "\(hour):00", "\(count)", String(repeating: "#", count: count * 40 / busiest)])
        }
        var members = TextTable([.text("top members"), .number("events")])
        for member in topMembers { members.append([member.participant, "\(member.events)"]) }
        return [counts.renderedWithoutHeadings, "events by hour of day (UTC)", hours.renderedWithoutHeadings, members.rendered].joined(separator: "\n\n")
    }
}
