/// What a member's record shows: points, free drinks earned, redeemed and available.
public struct MemberBalance: Hashable, Sendable {
    /// The member.
    public let participant: ParticipantID
    /// Points from purchases not voided.
    public private(set) var points: Int64
    /// Free drinks earned: points ÷ freeDrinkEvery, rounded down.
    public private(set) var freeDrinksEarned: Int64
    /// Free drinks taken.
    public private(set) var freeDrinksRedeemed: Int64
    /// The time of the latest event that changed the record.
    public private(set) var updatedAt: Timestamp

    /// Creates a record.
    public init(participant: ParticipantID, points: Int64 = 0, freeDrinksEarned: Int64 = 0, freeDrinksRedeemed: Int64 = 0, updatedAt: Timestamp) {
        self.participant = participant
        self.points = points
        self.freeDrinksEarned = freeDrinksEarned
        self.freeDrinksRedeemed = freeDrinksRedeemed
        self.updatedAt = updatedAt
    }

    /// Free drinks the member may still take: earned − redeemed. Negative when a refund took back
    /// points that had already been turned into a free drink.
    public var freeDrinksAvailable: Int64 { freeDrinksEarned - freeDrinksRedeemed }

    /// Adds (or, when negative, removes) points and recomputes the free drinks earned.
    public mutating func add(points delta: Int64, at time: Timestamp, rules: ProgramRules) {
        points += delta
        freeDrinksEarned = rules.freeDrinksEarned(points: points)
        touch(at: time)
    }

    /// Takes a free drink if one is available; returns whether it was.
    public mutating func redeem(at time: Timestamp) -> Bool {
        guard freeDrinksAvailable > 0 else { return false }
        freeDrinksRedeemed += 1
        touch(at: time)
        return true
    }

    /// Notes that an event about the member was applied at `time`.
    public mutating func touch(at time: Timestamp) {
        updatedAt = max(updatedAt, time)
    }
}
