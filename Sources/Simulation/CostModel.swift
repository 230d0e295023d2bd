/// What the story's AWS bill would be.
///
/// Prices (US East, unchanged since the story's era; sources: aws.amazon.com/lambda/pricing and
/// aws.amazon.com/step-functions/pricing):
/// - Lambda: $0.20 per million requests and $0.0000166667 per GB-second, each invocation's duration
///   rounded up to the billing granularity: 100 ms until December 2020, 1 ms since.
/// - Step Functions Standard: $0.025 per 1,000 state transitions.
public struct CostModel: Hashable, Sendable {
    public static let lambdaPerRequest = 0.20 / 1_000_000
    public static let lambdaPerGigabyteSecond = 0.000_016_666_7
    public static let stepFunctionsPerTransition = 0.025 / 1_000

    /// Lambda's memory size in MB.
    public let memoryMegabytes: Int
    /// Lambda's billing granularity in milliseconds.
    public let granularityMilliseconds: Int64

    /// A model for this memory size and granularity.
    public init(memoryMegabytes: Int, granularityMilliseconds: Int64) {
        self.memoryMegabytes = memoryMegabytes
        self.granularityMilliseconds = granularityMilliseconds
    }

    /// An invocation's billed duration: its duration rounded up to the granularity, at least one unit.
    public func billedMilliseconds(for duration: Int64) -> Int64 {
        max(1, (duration + granularityMilliseconds - 1) / granularityMilliseconds) * granularityMilliseconds
    }

    /// Dollars for `requests` invocations billed `billedMilliseconds` in all.
    public func computeCost(requests: Int, billedMilliseconds: Int64) -> Double {
        Double(requests) * Self.lambdaPerRequest + Double(billedMilliseconds) / 1_000 * Double(memoryMegabytes) / 1_024 * Self.lambdaPerGigabyteSecond
    }

    /// Dollars for `transitions` Step Functions state transitions.
    public func transitionCost(_ transitions: Int) -> Double {
        Double(transitions) * Self.stepFunctionsPerTransition
    }
}
