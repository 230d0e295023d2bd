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
    public func credits() throws -> [Credit] {
        try file.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT key, participant, MIN(time) AS time, MIN(visible_at) AS visible_at, MIN(shown_at) AS shown_at, COUNT(*) AS entries
                    FROM ledger_entry
                    WHERE kind = 'credit' AND key NOT IN (SELECT key FROM ledger_entry WHERE kind = 'reversal')
                    GROUP BY key ORDER BY time, key
                    """
            ).map { row in
                Credit(
                    purchase: EventID(trusted: row["key"]), participant: ParticipantID(trusted: row["participant"]),
                    time: Timestamp(millisecondsSinceEpoch: row["time"]), visibleAt: (row["visible_at"] as Int64?).map { Timestamp(millisecondsSinceEpoch: $0) },
                    shownAt: (row["shown_at"] as Int64?).map { Timestamp(millisecondsSinceEpoch: $0) }, entries: row["entries"]
                )
            }
        }
    }

    /// Redemptions the backend refused.
    public func deniedRedemptions() throws -> Set<EventID> {
        try file.read { db in
            Set(try String.fetchAll(db, sql: "SELECT event_id FROM ledger_entry WHERE kind = 'denial'").map { EventID(trusted: $0) })
        }
    }
}
