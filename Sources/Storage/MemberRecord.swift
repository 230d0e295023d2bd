import GRDB
import Loyalty

/// A row of `member`: what the member's app shows.
struct MemberRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "member"

    var participant: String
    var points: Int64
    var freeDrinksEarned: Int64
    var freeDrinksRedeemed: Int64
    var updatedAt: Int64
    /// For the legacy backend: the instant whose visible ledger the record was computed from.
    var asOf: Int64?

    enum CodingKeys: String, CodingKey {
        case participant, points
        case freeDrinksEarned = "free_drinks_earned"
        case freeDrinksRedeemed = "free_drinks_redeemed"
        case updatedAt = "updated_at"
        case asOf = "as_of"
    }

    init(_ balance: MemberBalance) {
        participant = balance.participant.rawValue
        points = balance.points
        freeDrinksEarned = balance.freeDrinksEarned
        freeDrinksRedeemed = balance.freeDrinksRedeemed
        updatedAt = balance.updatedAt.millisecondsSinceEpoch
    }

    /// The member's record, read with a cached statement (this runs on every backend call).
    static func find(_ participant: String, in db: Database) throws -> MemberRecord? {
        try RawStatement(
            "SELECT participant, points, free_drinks_earned, free_drinks_redeemed, updated_at, as_of FROM member WHERE participant = ?", in: db
        ).first(participant) { row in
            var record = MemberRecord(
                MemberBalance(
                    participant: ParticipantID(trusted: row.text(0)), points: row.int64(1), freeDrinksEarned: row.int64(2),
                    freeDrinksRedeemed: row.int64(3), updatedAt: Timestamp(millisecondsSinceEpoch: row.int64(4))
                )
            )
            record.asOf = row.optionalInt64(5)
            return record
        }
    }

    /// Inserts or replaces the record, with a cached statement.
    func save(in db: Database) throws {
        try RawStatement(
            """
            INSERT INTO member (participant, points, free_drinks_earned, free_drinks_redeemed, updated_at, as_of) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (participant) DO UPDATE SET points = excluded.points, free_drinks_earned = excluded.free_drinks_earned,
                free_drinks_redeemed = excluded.free_drinks_redeemed, updated_at = excluded.updated_at, as_of = excluded.as_of
            """, in: db
        ).run(participant, points, freeDrinksEarned, freeDrinksRedeemed, updatedAt, asOf)
    }

    var balance: MemberBalance {
        MemberBalance(
            participant: ParticipantID(trusted: participant), points: points, freeDrinksEarned: freeDrinksEarned,
            freeDrinksRedeemed: freeDrinksRedeemed, updatedAt: Timestamp(millisecondsSinceEpoch: updatedAt)
        )
    }
}
