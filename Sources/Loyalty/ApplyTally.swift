/// Counts of what applying a run of events did, for summaries.
public struct ApplyTally: Hashable, Sendable {
    /// Events offered, duplicates included.
    public var events = 0
    /// Events applied for the first time.
    public var applied = 0
    /// Deliveries of events already applied, including repeated lines within one trace.
    public var duplicates = 0
    /// Purchases that credited points.
    public var credited = 0
    /// Refunds applied.
    public var refunds = 0
    /// Redemptions accepted.
    public var redemptionsAccepted = 0
    /// Redemptions denied.
    public var redemptionsDenied = 0

    /// An empty tally.
    public init() {}

    /// Counts one outcome.
    public mutating func count(_ outcome: ApplyOutcome) {
        events += 1
        switch outcome {
        case .duplicate:
            duplicates += 1
            return
        case .credited: credited += 1
        case .reversed, .refundRecorded: refunds += 1
        case .redemptionAccepted: redemptionsAccepted += 1
        case .redemptionDenied: redemptionsDenied += 1
        case .anonymous, .voided: break
        }
        applied += 1
    }

    /// Counts lines that repeated an event within the same trace.
    public mutating func countDuplicateLines(_ count: Int) {
        events += count
        duplicates += count
    }
}
