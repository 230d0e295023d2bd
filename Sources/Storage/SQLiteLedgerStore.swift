import GRDB
import Loyalty

/// The ``LedgerStore`` of the SQLite ledger, used inside one write transaction.
///
/// The ledger's `UNIQUE (kind, key)` constraint is the last line of defence: even a bug in the
/// rules could not credit the same purchase twice, because the second insert would fail the transaction.
struct SQLiteLedgerStore: LedgerStore {
    let db: Database
    private let decoder = EventDecoder()

    init(db: Database) {
        self.db = db
    }

    func arrivedEvent(_ id: EventID) throws -> LoyaltyEvent? {
        guard let content = try String.fetchOne(db.cachedStatement(sql: "SELECT content FROM inbox WHERE event_id = ?"), arguments: [id.rawValue]) else {
            return nil
        }
        return try decoder.decode(content)
    }

    func hasArrivedRefund(voiding purchase: EventID) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM inbox WHERE voids = ?)"), arguments: [purchase.rawValue]) ?? false
    }

    func recordArrival(of event: LoyaltyEvent) throws {
        var voids: String?
        if case .refund(let refund) = event.kind { voids = refund.purchase.rawValue }
        try db.cachedStatement(sql: "INSERT INTO inbox (event_id, type, time, voids, content) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [event.id.rawValue, event.type.rawValue, event.time.millisecondsSinceEpoch, voids, event.jsonLine])
    }

    func balance(of participant: ParticipantID) throws -> MemberBalance? {
        try MemberRecord.fetchOne(db, key: participant.rawValue)?.balance
    }

    func post(_ entry: LedgerEntry, balance: MemberBalance) throws {
        try LedgerEntryRecord(entry).insert(db)
        try MemberRecord(balance).upsert(db)
    }
}
