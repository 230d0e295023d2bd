import GRDB
import Loyalty

/// The ``LedgerStore`` of the SQLite ledger, used inside one write transaction.
///
/// The ledger's `UNIQUE (kind, key)` constraint is the last line of defence: even a bug in the
/// rules could not credit the same purchase twice, because the second insert would fail the transaction.
///
/// On the ground-truth path member records are kept in step with the ledger. For the legacy backend
/// (``visibleAt`` set) an entry only becomes visible to readers at that instant, and member records are
/// left to UpdateParticipant.
struct SQLiteLedgerStore: LedgerStore {
    let db: Database
    /// When new entries become visible; nil for at once, with the member record kept in step.
    let visibleAt: Int64?
    private let decoder = EventDecoder()

    init(db: Database, visibleAt: Int64? = nil) {
        self.db = db
        self.visibleAt = visibleAt
    }

    func arrivedEvent(_ id: EventID) throws -> LoyaltyEvent? {
        guard let content = try RawStatement("SELECT content FROM inbox WHERE event_id = ?", in: db).first(id.rawValue, read: { $0.text(0) }) else {
            return nil
        }
        return try decoder.decode(content)
    }

    func hasArrivedRefund(voiding purchase: EventID) throws -> Bool {
        try RawStatement("SELECT EXISTS (SELECT 1 FROM inbox WHERE voids = ?)", in: db).first(purchase.rawValue) { $0.int64(0) != 0 } ?? false
    }

    func recordArrival(of event: LoyaltyEvent) throws {
        var voids: String?
        if case .refund(let refund) = event.kind { voids = refund.purchase.rawValue }
        try RawStatement("INSERT INTO inbox (event_id, type, time, voids, content) VALUES (?, ?, ?, ?, ?)", in: db)
            .run(event.id.rawValue, event.type.rawValue, event.time.millisecondsSinceEpoch, voids, event.jsonLine)
    }

    /// The member's balance on the ground-truth path; nil for the legacy backend, whose counts leave the
    /// member's record to UpdateParticipant (``post(_:balance:)`` does not write it), so reading it
    /// would be a wasted query per count.
    func balance(of participant: ParticipantID) throws -> MemberBalance? {
        guard visibleAt == nil else { return nil }
        return try MemberRecord.find(participant.rawValue, in: db)?.balance
    }

    func post(_ entry: LedgerEntry, balance: MemberBalance) throws {
        var record = LedgerEntryRecord(entry)
        record.visibleAt = visibleAt
        try record.append(in: db)
        if visibleAt == nil { try MemberRecord(balance).save(in: db) }
    }
}
