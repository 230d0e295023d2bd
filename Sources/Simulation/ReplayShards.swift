import Determinism
import Loyalty

/// Splits a trace into shards that replay side by side, each on its own virtual clock, engine and
/// database, one per core.
///
/// Members never touch each other's state: the backend's ledger, records and idempotency keys, the
/// engine's executions and every random draw of the backend are the member's or the purchase's own.
/// So a shard holds whole members: a member's purchases, refunds and redemptions, and the refunds of
/// those purchases. An anonymous purchase (and its refunds) goes by its own id. The split depends only
/// on the ids, so one trace always splits the same way.
enum ReplayShards {
    /// Traces with at least this many events are replayed in two shards; smaller ones, which replay in
    /// a fraction of a second, in one. (The story's 6,162 events: its adaptive replay 4.2–4.5 → 2.1–2.6 s.)
    static let minimumEventsToSplit = 1_000

    /// How many shards a replay of `events` uses when its options do not say: two, whatever the
    /// machine's cores, since the topic's draws follow the split and a report must not depend on the machine.
    static func count(for events: [LoyaltyEvent]) -> Int {
        events.count >= minimumEventsToSplit ? 2 : 1
    }

    /// The indices of `events` that each of `count` shards replays, in trace order.
    static func partition(_ events: [LoyaltyEvent], count: Int) -> [[Int]] {
        guard count > 1 else { return [Array(events.indices)] }
        var refunded: Set<EventID> = []
        for event in events {
            if case .refund(let refund) = event.kind { refunded.insert(refund.purchase) }
        }
        var owners: [EventID: String] = [:]
        for event in events where refunded.contains(event.id) {
            if case .purchase(let purchase) = event.kind { owners[event.id] = Self.owner(of: purchase, id: event.id) }
        }
        var shards = Array(repeating: [Int](), count: count)
        for (index, event) in events.enumerated() {
            let owner: String
            switch event.kind {
            case .purchase(let purchase): owner = Self.owner(of: purchase, id: event.id)
            case .refund(let refund): owner = owners[refund.purchase] ?? refund.purchase.rawValue
            case .redemption(let redemption): owner = redemption.participant.rawValue
            }
            shards[Int(StreamHash.of(owner) % UInt64(count))].append(index)
        }
        return shards
    }

    private static func owner(of purchase: Purchase, id: EventID) -> String {
        purchase.participant?.rawValue ?? id.rawValue
    }
}
