/// The report of one replay, with `CONTRACT.md`'s keys in their order, and a few more at the end.
public struct ReplayReport: Encodable, Sendable {
    /// Credit latency percentiles, in seconds.
    public struct Latency: Encodable, Sendable {
        public let p50: Double
        public let p90: Double
        public let p99: Double
        public let max: Double
    }

    /// What the bill would be, in dollars.
    public struct Cost: Encodable, Sendable {
        public let compute: Double
        public let transitions: Double
        public let total: Double
    }

    /// A purchase the member's record misses at the end.
    public struct LostPurchase: Encodable, Sendable {
        public let purchase: String
        public let participant: String
        public let time: String
    }

    public let scenario: String
    public let strategy: String
    public let seed: UInt64
    public let events: Int
    public let duplicatesIgnored: Int
    public let purchasesCredited: Int
    public let lostUpdates: Int
    public let doubleCredits: Int
    public let redemptionsWronglyDenied: Int
    public let creditLatencySeconds: Latency
    public let backendCalls: Int
    public let stateTransitions: Int
    public let billedComputeMs: Int64
    public let costUSD: Cost
    public let virtualSeconds: Double
    public let wallSeconds: Double
    public internal(set) var passed: Bool
    /// Extensions: the first lost purchases, cost per million purchases, Lambda invocations, events the
    /// handler gave up on, failures the workflow recorded, and the expectations that did not hold.
    public let lostPurchases: [LostPurchase]
    /// Points of refunded purchases that a member's record still shows: a refund's update that was lost.
    public let lostReversals: Int
    public let costPerMillionPurchasesUSD: Double
    public let lambdaInvocations: Int
    public let abandonedEvents: Int
    public let failuresRecorded: Int
    public internal(set) var failedExpectations: [String]

    /// The value of a metric that expectations can name.
    public func value(of metric: String) -> Double? {
        switch metric {
        case "events": Double(events)
        case "duplicatesIgnored": Double(duplicatesIgnored)
        case "purchasesCredited": Double(purchasesCredited)
        case "lostUpdates": Double(lostUpdates)
        case "doubleCredits": Double(doubleCredits)
        case "redemptionsWronglyDenied": Double(redemptionsWronglyDenied)
        case "creditLatencyP50Seconds": creditLatencySeconds.p50
        case "creditLatencyP90Seconds": creditLatencySeconds.p90
        case "creditLatencyP99Seconds": creditLatencySeconds.p99
        case "creditLatencyMaxSeconds": creditLatencySeconds.max
        case "backendCalls": Double(backendCalls)
        case "stateTransitions": Double(stateTransitions)
        case "billedComputeMs": Double(billedComputeMs)
        case "costTotalUSD": costUSD.total
        case "costPerMillionPurchasesUSD": costPerMillionPurchasesUSD
        case "lostReversals": Double(lostReversals)
        default: nil
        }
    }
}
