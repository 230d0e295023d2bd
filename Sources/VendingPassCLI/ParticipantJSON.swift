import Loyalty

/// A member's record as `participants list` and `show` print it (keys from `CONTRACT.md`).
struct ParticipantJSON: Encodable {
    let participant: String
    let points: Int64
    let freeDrinksEarned: Int64
    let freeDrinksRedeemed: Int64
    let freeDrinksAvailable: Int64
    let updatedAt: String

    init(_ balance: MemberBalance) {
        participant = balance.participant.rawValue
        points = balance.points
        freeDrinksEarned = balance.freeDrinksEarned
        freeDrinksRedeemed = balance.freeDrinksRedeemed
        freeDrinksAvailable = balance.freeDrinksAvailable
        updatedAt = balance.updatedAt.rfc3339
    }

    /// The aligned table of `participants list`.
    static func table(_ members: [MemberBalance]) -> String {
        var table = TextTable([
            .text("PARTICIPANT"), .number("POINTS"), .number("EARNED"), .number("REDEEMED"), .number("AVAILABLE"), .text("UPDATED"),
        ])
        for member in members.map(ParticipantJSON.init) {
            table.append([
                member.participant, "\(member.points)", "\(member.freeDrinksEarned)", "\(member.freeDrinksRedeemed)",
                "\(member.freeDrinksAvailable)", member.updatedAt,
            ])
        }
        let count = members.count == 1 ? "1 member" : "\(members.count) members"
        return table.rendered + "\n" + count
    }

    /// The record as labelled lines, for `participants show`.
    var card: String {
        var table = TextTable([.text("field"), .text("value")])
        table.append(["participant", participant])
        table.append(["points", "\(points)"])
        table.append(["free drinks earned", "\(freeDrinksEarned)"])
        table.append(["free drinks redeemed", "\(freeDrinksRedeemed)"])
        table.append(["free drinks available", "\(freeDrinksAvailable)"])
        table.append(["updated at", updatedAt])
        return table.renderedWithoutHeadings
    }
}
