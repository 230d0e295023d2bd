import Determinism

/// A ``LedgerStore`` held in memory: the store behind the reference ledger.
///
/// Events that arrive in the order given to ``init(expecting:)`` (a trace's, when the reference ledger
/// applies it) are not copied: the store keeps their positions in that array, which it shares with
/// the trace, so a replay does not hold every event twice. It finds them by the 64-bit hash of their
/// id rather than by the id's text, which halves the index of a million-event trace.
public struct InMemoryLedgerStore: LedgerStore, Sendable {
    private let expected: [LoyaltyEvent]
    private var nextExpected = 0
    /// Events that arrived out of the expected order.
    private var others: [LoyaltyEvent] = []
    /// Where each arrived event is, by its id's hash: its position in `expected`, or `-1 - position` in `others`.
    private var arrived: [UInt64: Int32] = [:]
    /// Arrived events whose id's hash an earlier id already had.
    private var collided: [EventID: Int] = [:]
    private var refunded: Set<EventID> = []
    /// Every member's record.
    public private(set) var balances: [ParticipantID: MemberBalance] = [:]
    /// Every ledger entry, in the order posted.
    public private(set) var entries: [LedgerEntry] = []

    /// Creates an empty store that expects events to arrive in the order of `events`.
    public init(expecting events: [LoyaltyEvent]) {
        expected = events
        arrived.reserveCapacity(events.count)
        entries.reserveCapacity(events.count { $0.participant != nil })
    }

    public mutating func arrivedEvent(_ id: EventID) -> LoyaltyEvent? {
        position(of: id).map(event(at:))
    }

    /// The position of `id` among the events given to ``init(expecting:)``, if it arrived in that order.
    public func expectedPosition(of id: EventID) -> Int? {
        guard let position = position(of: id), position >= 0 else { return nil }
        return position
    }

    private func position(of id: EventID) -> Int? {
        if let position = arrived[StreamHash.of(id.rawValue)].map(Int.init), event(at: position).id == id { return position }
        return collided[id]
    }

    private func event(at position: Int) -> LoyaltyEvent {
        position >= 0 ? expected[position] : others[-1 - position]
    }

    private mutating func record(_ id: EventID, at position: Int) {
        let hash = StreamHash.of(id.rawValue)
        if arrived[hash] == nil, let compact = Int32(exactly: position) {
            arrived[hash] = compact
        } else {
            collided[id] = position
        }
    }

    public mutating func hasArrivedRefund(voiding purchase: EventID) -> Bool {
        refunded.contains(purchase)
    }

    public mutating func recordArrival(of event: LoyaltyEvent) {
        if nextExpected < expected.count, expected[nextExpected] == event {
            record(event.id, at: nextExpected)
            nextExpected += 1
        } else {
            record(event.id, at: -1 - others.count)
            others.append(event)
        }
        if case .refund(let refund) = event.kind { refunded.insert(refund.purchase) }
    }

    public mutating func balance(of participant: ParticipantID) -> MemberBalance? {
        balances[participant]
    }

    public mutating func post(_ entry: LedgerEntry, balance: MemberBalance) {
        entries.append(entry)
        balances[balance.participant] = balance
    }
}
