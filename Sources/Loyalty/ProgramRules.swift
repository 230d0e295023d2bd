/// The loyalty program's rules: points per paid drink and how many points make a free drink.
public struct ProgramRules: Hashable, Sendable {
    /// Points credited for each purchase that is not voided.
    public let pointsPerPurchase: Int64
    /// Points needed for each free drink.
    public let freeDrinkEvery: Int64

    /// The program's defaults: one point per purchase, a free drink every ten.
    public static let standard = ProgramRules(validPointsPerPurchase: 1, freeDrinkEvery: 10)

    /// Creates rules, refusing values below 1.
    public init(pointsPerPurchase: Int64, freeDrinkEvery: Int64) throws(FieldProblem) {
        guard pointsPerPurchase >= 1 else { throw FieldProblem("pointsPerPurchase is \(pointsPerPurchase); it must be at least 1") }
        guard freeDrinkEvery >= 1 else { throw FieldProblem("freeDrinkEvery is \(freeDrinkEvery); it must be at least 1") }
        self.init(validPointsPerPurchase: pointsPerPurchase, freeDrinkEvery: freeDrinkEvery)
    }

    private init(validPointsPerPurchase: Int64, freeDrinkEvery: Int64) {
        self.pointsPerPurchase = validPointsPerPurchase
        self.freeDrinkEvery = freeDrinkEvery
    }

    /// Free drinks earned with `points`: points ÷ freeDrinkEvery, rounded down.
    public func freeDrinksEarned(points: Int64) -> Int64 {
        points >= 0 ? points / freeDrinkEvery : 0
    }
}
