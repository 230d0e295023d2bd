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

    enum CodingKeys: String, CodingKey {
        case participant, points
        case freeDrinksEarned = "free_drinks_earned"
        case freeDrinksRedeemed = "free_drinks_redeemed"
        case updatedAt = "updated_at"
    }

    init(_ balance: MemberBalance) {
        participant = balance.participant.rawValue
        points = balance.points
        freeDrinksEarned = balance.freeDrinksEarned
        freeDrinksRedeemed = balance.freeDrinksRedeemed
        updatedAt = balance.updatedAt.millisecondsSinceEpoch
    }

    var balance: MemberBalance {
        MemberBalance(
            participant: ParticipantID(trusted: participant), points: points, freeDrinksEarned: freeDrinksEarned,
            freeDrinksRedeemed: freeDrinksRedeemed, updatedAt: Timestamp(millisecondsSinceEpoch: updatedAt)
        )
    }
}
