/// What a generated trace holds, for `vendingpass generate --stats`.
public struct GeneratorStatistics: Hashable, Sendable {
    /// Cashless sessions begun (taps).
    public var sessions = 0
    public var purchases = 0
    /// Purchases by taps without a pass.
    public var anonymousPurchases = 0
    public var refunds = 0
    public var redemptions = 0
    /// Payments declined: no event.
    public var denied = 0
    /// Selections of an empty slot.
    public var soldOutSelections = 0
    /// Customers who left after a sold-out selection (or found every slot empty): no event.
    public var walkedAway = 0
    /// Bytes of trace written.
    public var bytes = 0
    /// Events by hour of the day (UTC).
    public var eventsByHour = Array(repeating: 0, count: 24)
    /// Events per member, by member index.
    var eventsByMember: [Int]

    init(participants: Int) {
        eventsByMember = Array(repeating: 0, count: participants)
    }

    /// Events written.
    public var events: Int { purchases + refunds + redemptions }

    /// Refunds per purchase.
    public var refundRate: Double { purchases == 0 ? 0 : Double(refunds) / Double(purchases) }

    /// The busiest members: index and events, most first (ties by index).
    public func topMembers(_ count: Int) -> [(member: Int, events: Int)] {
        eventsByMember.enumerated().filter { $0.element > 0 }.sorted { ($0.element, -$0.offset) > ($1.element, -$1.offset) }
            .prefix(count).map { ($0.offset, $0.element) }
    }
}
