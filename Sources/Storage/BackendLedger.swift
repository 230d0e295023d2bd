import GRDB
import Loyalty

/// The legacy backend's state in SQLite, in the same file and tables as the ground-truth ledger.
///
/// A count is a ledger entry that becomes visible to readers only at its `visible_at`; member records
/// are not kept in step with the ledger but hold whatever UpdateParticipant last wrote, with the
/// instant (`as_of`) whose visible ledger it read. That gap is the story's timing dependency.
public struct BackendLedger: Sendable {
    let file: DatabaseFile

    /// The backend's state in an open database.
    public init(file: DatabaseFile) {
        self.file = file
    }

    /// Counts a purchase's points, or a refund's reversal, visible from `visibleAt`. Counting an event
    /// again changes nothing: the outcome is then `.duplicate`.
    public func count(_ event: LoyaltyEvent, rules: ProgramRules, visibleAt: Timestamp) throws -> ApplyOutcome {
        try file.write { db in try Self.count(event, rules: rules, visibleAt: visibleAt, in: db) }
    }

    /// Runs a backend call once per idempotency key, in one transaction: a repeated key returns the first
    /// answer without running `body` again.
    ///
    /// - Returns: the answer, and whether it was stored by an earlier call.
    public func once(key: String, _ body: (BackendLedger.Transaction) throws -> String) throws -> (answer: String, repeated: Bool) {
        try file.write { db in
            if let stored = try Self.response(for: key, in: db) { return (stored, true) }
            let answer = try body(Transaction(db: db))
            try RawStatement("INSERT INTO backend_call (key, response) VALUES (?, ?)", in: db).run(key, answer)
            return (answer, false)
        }
    }

    /// What a call can do inside ``once(key:_:)``'s transaction.
    public struct Transaction {
        let db: Database

        /// Counts `event` visible from `visibleAt` (see ``BackendLedger/count(_:rules:visibleAt:)``).
        public func count(_ event: LoyaltyEvent, rules: ProgramRules, visibleAt: Timestamp) throws -> ApplyOutcome {
            try BackendLedger.count(event, rules: rules, visibleAt: visibleAt, in: db)
        }

        /// Writes the member's record (see ``BackendLedger/writeRecord(of:points:asOf:at:rules:guarded:)``).
        public func writeRecord(of participant: ParticipantID, points: Int64, asOf: Timestamp, at now: Timestamp, rules: ProgramRules, guarded: Bool) throws -> Bool {
            try BackendLedger.writeRecord(of: participant, points: points, asOf: asOf, at: now, rules: rules, guarded: guarded, in: db)
        }

        /// Takes a free drink (see ``BackendLedger/redeem(_:at:)``).
        public func redeem(_ event: LoyaltyEvent, at now: Timestamp) throws -> Bool {
            try BackendLedger.redeem(event, at: now, in: db)
        }

        /// Whether the count of `purchase` is visible (see ``BackendLedger/isSettled(purchase:at:)``).
        public func isSettled(purchase: EventID, at now: Timestamp) throws -> Bool? {
            try BackendLedger.isSettled(purchase: purchase, at: now, in: db)
        }
    }

    private static func count(_ event: LoyaltyEvent, rules: ProgramRules, visibleAt: Timestamp, in db: Database) throws -> ApplyOutcome {
        var bookkeeper = Bookkeeper(rules: rules, store: SQLiteLedgerStore(db: db, visibleAt: visibleAt.millisecondsSinceEpoch))
        return try bookkeeper.apply(event)
    }

    private static func response(for key: String, in db: Database) throws -> String? {
        try RawStatement("SELECT response FROM backend_call WHERE key = ?", in: db).first(key) { $0.text(0) }
    }

    /// The points a reader sees for `participant` at `instant`: every entry visible by then.
    private static func visiblePoints(of participant: ParticipantID, at instant: Timestamp, in db: Database) throws -> Int64 {
        try RawStatement("SELECT COALESCE(SUM(points), 0) FROM ledger_entry WHERE participant = ? AND visible_at <= ?", in: db)
            .first(participant.rawValue, instant.millisecondsSinceEpoch) { $0.int64(0) } ?? 0
    }

    /// Overwrites the member's record with `points` read from the ledger as of `asOf`, keeping the free
    /// drinks redeemed. When `guarded`, a record computed from a later ledger is never overwritten by
    /// an earlier one. Entries the record now shows for the first time are marked shown at `now`.
    ///
    /// - Returns: whether the record was written.
    @discardableResult
    public func writeRecord(
        of participant: ParticipantID, points: Int64, asOf: Timestamp, at now: Timestamp, rules: ProgramRules, guarded: Bool
    ) throws -> Bool {
        try file.write { db in
            try Self.writeRecord(of: participant, points: points, asOf: asOf, at: now, rules: rules, guarded: guarded, in: db)
        }
    }

    static func writeRecord(
        of participant: ParticipantID, points: Int64, asOf: Timestamp, at now: Timestamp, rules: ProgramRules, guarded: Bool, in db: Database
    ) throws -> Bool {
        var record = try MemberRecord.find(participant.rawValue, in: db)
        if guarded, let stored = record?.asOf, stored > asOf.millisecondsSinceEpoch { return false }
        let redeemed = record?.freeDrinksRedeemed ?? 0
        record = MemberRecord(
            MemberBalance(
                participant: participant, points: points, freeDrinksEarned: rules.freeDrinksEarned(points: points), freeDrinksRedeemed: redeemed,
                updatedAt: now
            )
        )
        record?.asOf = asOf.millisecondsSinceEpoch
        try record?.save(in: db)
        try RawStatement(
            "UPDATE ledger_entry SET shown_at = ? WHERE participant = ? AND kind = 'credit' AND shown_at IS NULL AND visible_at <= ?", in: db
        ).run(now.millisecondsSinceEpoch, participant.rawValue, asOf.millisecondsSinceEpoch)
        return true
    }

    /// Takes a free drink if the member's record, as it stands, shows one; once per redemption event.
    ///
    /// - Returns: whether the redemption was accepted (the first decision, for a repeated delivery).
    public func redeem(_ event: LoyaltyEvent, at now: Timestamp) throws -> Bool {
        try file.write { db in try Self.redeem(event, at: now, in: db) }
    }

    static func redeem(_ event: LoyaltyEvent, at now: Timestamp, in db: Database) throws -> Bool {
        guard case .redemption(let redemption) = event.kind else { return false }
        let decided = try String.fetchOne(
            db.cachedStatement(sql: "SELECT kind FROM ledger_entry WHERE key = ? AND kind IN ('redemption', 'denial')"), arguments: [event.id.rawValue]
        )
        if let decided { return decided == LedgerEntry.Kind.redemption.rawValue }
        let record = try MemberRecord.find(redemption.participant.rawValue, in: db)
        let accepted = (record.map { $0.freeDrinksEarned - $0.freeDrinksRedeemed } ?? 0) > 0
        if accepted, var taken = record {
            taken.freeDrinksRedeemed += 1
            taken.updatedAt = now.millisecondsSinceEpoch
            try taken.save(in: db)
        }
        var entry = LedgerEntryRecord(
            LedgerEntry(
                kind: accepted ? .redemption : .denial, event: event.id, key: event.id, participant: redemption.participant, points: 0, time: event.time
            )
        )
        entry.visibleAt = now.millisecondsSinceEpoch
        try entry.append(in: db)
        return accepted
    }

    /// Whether every count of `purchase` (its credit, or its reversal) is visible at `now`; nil when it was never counted.
    public func isSettled(purchase: EventID, at now: Timestamp) throws -> Bool? {
        try file.read { db in try Self.isSettled(purchase: purchase, at: now, in: db) }
    }

    static func isSettled(purchase: EventID, at now: Timestamp, in db: Database) throws -> Bool? {
        let latest = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT MAX(visible_at) FROM ledger_entry WHERE key = ? AND kind IN ('credit', 'reversal', 'void')"),
            arguments: [purchase.rawValue]
        )
        return latest.map { $0 <= now.millisecondsSinceEpoch }
    }

    /// What a read-then-write call finds first, in one read: the answer stored for its key, or else the
    /// member's visible points.
    public enum FirstRead: Sendable {
        /// A call with the key took effect before and answered this.
        case answered(String)
        /// No call with the key took effect yet; the member's points visible now.
        case visible(points: Int64)
    }

    /// The answer stored for `key` if a call with it already took effect, otherwise the points a reader
    /// sees for `participant` at `instant`: every entry visible by then.
    public func responseOrVisiblePoints(for key: String, of participant: ParticipantID, at instant: Timestamp) throws -> FirstRead {
        try file.read { db in
            if let stored = try Self.response(for: key, in: db) { return .answered(stored) }
            return .visible(points: try Self.visiblePoints(of: participant, at: instant, in: db))
        }
    }
}
