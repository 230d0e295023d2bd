/// One check of a scenario's `expect`: a report value compared with a bound.
public struct Expectation: Hashable, Sendable, CustomStringConvertible {
    /// What is compared.
    public enum Bound: Hashable, Sendable {
        case equal(Double)
        case atLeast(Double)
        case atMost(Double)
    }

    /// The strategy whose report is checked.
    public let strategy: Strategy
    /// The report metric, such as `lostUpdates`, or `billedComputeMs / orchestrated` for a ratio.
    public let metric: String
    /// For a ratio, the strategy whose metric is the denominator.
    public let ratioTo: Strategy?
    public let bound: Bound
    /// The line of the scenario file it came from.
    public let line: Int

    /// The report metrics an expectation can name.
    public static let metrics = [
        "events", "duplicatesIgnored", "purchasesCredited", "lostUpdates", "doubleCredits", "redemptionsWronglyDenied", "creditLatencyP50Seconds",
        "creditLatencyP90Seconds", "creditLatencyP99Seconds", "creditLatencyMaxSeconds", "backendCalls", "stateTransitions", "billedComputeMs",
        "costTotalUSD", "costPerMillionPurchasesUSD", "lostReversals",
    ]

    /// Whether `value` satisfies the bound.
    public func holds(for value: Double) -> Bool {
        switch bound {
        case .equal(let expected): abs(value - expected) < 1e-9
        case .atLeast(let minimum): value >= minimum
        case .atMost(let maximum): value <= maximum
        }
    }

    public var description: String {
        let subject = ratioTo.map { "\(strategy.rawValue).\(metric) / \($0.rawValue).\(metric)" } ?? "\(strategy.rawValue).\(metric)"
        switch bound {
        case .equal(let value): return "\(subject) = \(Self.format(value))"
        case .atLeast(let value): return "\(subject) ≥ \(Self.format(value))"
        case .atMost(let value): return "\(subject) ≤ \(Self.format(value))"
        }
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
