/// A ``LedgerStore`` held in dictionaries: the store behind the reference ledger.
public struct InMemoryLedgerStore: LedgerStore, Sendable {
    private var arrived: [EventID: LoyaltyEvent] = [:]
    private var refunded: Set<EventID> = []
    /// Every member's record.
    public private(set) var balances: [ParticipantID: MemberBalance] = [:]
    /// Every ledger entry, in the order posted.
    public private(set) var entries: [LedgerEntry] = []

    /// Creates an empty store.
    public init() {}

    public mutating func arrivedEvent(_ id: EventID) -> LoyaltyEvent? {
        arrived[id]
    }

    public mutating func hasArrivedRefund(voiding purchase: EventID) -> Bool {
        refunded.contains(purchase)
    }

    public mutating func recordArrival(of event: LoyaltyEvent) {
        arrived[event.id] = event
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
