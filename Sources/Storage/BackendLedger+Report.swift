import GRDB
import Loyalty

/// What a replay's report reads from the backend at the end.
extension BackendLedger {
    /// A member's record with the instant its points were read as of.
    public struct Record: Sendable {
        public let balance: MemberBalance
        public let asOf: Timestamp?
    }

    /// One credited purchase: when it happened, when it became visible, when the member first saw it.
    public struct Credit: Sendable {
        public let purchase: EventID
        public let participant: ParticipantID
        public let time: Timestamp
        public let visibleAt: Timestamp?
        public let shownAt: Timestamp?
        /// How many credit entries the purchase has: more than one would be a double credit.
        public let entries: Int
    }

    /// Every member's record.
    public func records() throws -> [ParticipantID: Record] {
        try file.read { db in
            var records: [ParticipantID: Record] = [:]
            for record in try MemberRecord.fetchAll(db) {
                records[ParticipantID(trusted: record.participant)] = Record(balance: record.balance, asOf: record.asOf.map { Timestamp(millisecondsSinceEpoch: $0) })
            }
            return records
        }
    }

    /// Every purchase credited and not reversed, in time order.
    ///
    /// Rows are read in place and sorted here rather than by SQLite: a million-purchase replay reads
    /// hundreds of thousands, and a row object each (or a sorter in SQLite's memory) doubled the
    /// replay's peak memory at its very end.
    public func credits() throws -> [Credit] {
        try file.read { db in
            var credits: [Credit] = []
            try RawStatement(
                """
                SELECT key, participant, MIN(time), MIN(visible_at), MIN(shown_at), COUNT(*)
                FROM ledger_entry
                WHERE kind = 'credit' AND key NOT IN (SELECT key FROM ledger_entry WHERE kind = 'reversal')
                GROUP BY key
                """, in: db
            ).forEachRow { row in
                credits.append(
                    Credit(
                        purchase: EventID(trusted: row.text(0)), participant: ParticipantID(trusted: row.text(1)),
                        time: Timestamp(millisecondsSinceEpoch: row.int64(2)), visibleAt: row.optionalInt64(3).map { Timestamp(millisecondsSinceEpoch: $0) },
                        shownAt: row.optionalInt64(4).map { Timestamp(millisecondsSinceEpoch: $0) }, entries: Int(row.int64(5))
                    )
                )
            }
            credits.sort { ($0.time, $0.purchase) < ($1.time, $1.purchase) }
            return credits
        }
    }

    /// Redemptions the backend refused.
    public func deniedRedemptions() throws -> Set<EventID> {
        try file.read { db in
            Set(try String.fetchAll(db, sql: "SELECT event_id FROM ledger_entry WHERE kind = 'denial'").map { EventID(trusted: $0) })
        }
    }
}
