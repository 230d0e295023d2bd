/// The state the ``Bookkeeper`` reads and writes: arrived events, member balances and ledger entries.
///
/// Two implementations exist: ``InMemoryLedgerStore`` for the reference ledger, and the SQLite ledger
/// in `Storage`, so that the truth and the ground-truth ingest path apply exactly the same rules.
public protocol LedgerStore {
    /// The event that arrived earlier with this id, if any.
    mutating func arrivedEvent(_ id: EventID) throws -> LoyaltyEvent?
    /// Whether a refund voiding `purchase` has arrived.
    mutating func hasArrivedRefund(voiding purchase: EventID) throws -> Bool
    /// Records that `event` arrived, so that later deliveries of it are recognised.
    mutating func recordArrival(of event: LoyaltyEvent) throws
    /// The member's current record, if the member has one.
    mutating func balance(of participant: ParticipantID) throws -> MemberBalance?
    /// Appends `entry` to the ledger and stores `balance` as the member's record, together.
    mutating func post(_ entry: LedgerEntry, balance: MemberBalance) throws
}
