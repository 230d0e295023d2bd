/// A ``LedgerStore`` held in memory: the store behind the reference ledger.
///
/// Events that arrive in the order given to ``init(expecting:)`` (a trace's, when the reference ledger
/// applies it) are not copied: the store keeps their positions in that array, which it shares with
/// the trace, so a replay does not hold every event twice.
public struct InMemoryLedgerStore: LedgerStore, Sendable {
    private let expected: [LoyaltyEvent]
    private var nextExpected = 0
    /// Events that arrived out of the expected order.
    private var others: [LoyaltyEvent] = []
    /// Where each arrived event is: its position in `expected`, or `-1 - position` in `others`.
    private var arrived: [EventID: Int] = [:]
    private var refunded: Set<EventID> = []
    /// Every member's record.
    public private(set) var balances: [ParticipantID: MemberBalance] = [:]
    /// Every ledger entry, in the order posted.
    public private(set) var entries: [LedgerEntry] = []

    /// Creates an empty store that expects events to arrive in the order of `events`.
    public init(expecting events: [LoyaltyEvent]) {
        expected = events
    }

    public mutating func arrivedEvent(_ id: EventID) -> LoyaltyEvent? {
        guard let position = arrived[id] else { return nil }
        return position >= 0 ? expected[position] : others[-1 - position]
    }

    /// The position of `id` among the events given to ``init(expecting:)``, if it arrived in that order.
    public func expectedPosition(of id: EventID) -> Int? {
        guard let position = arrived[id], position >= 0 else { return nil }
        return position
    }

    public mutating func hasArrivedRefund(voiding purchase: EventID) -> Bool {
        refunded.contains(purchase)
    }

    public mutating func recordArrival(of event: LoyaltyEvent) {
        if nextExpected < expected.count, expected[nextExpected] == event {
            arrived[event.id] = nextExpected
            nextExpected += 1
        } else {
            arrived[event.id] = -1 - others.count
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
