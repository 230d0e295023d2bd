/// An event arrived with an id already used by a different event.
public struct LedgerConflict: Error, Equatable, Sendable, CustomStringConvertible {
    /// The event seen first.
    public let earlier: LoyaltyEvent
    /// The event that conflicts with it.
    public let later: LoyaltyEvent

    /// Creates a conflict.
    public init(earlier: LoyaltyEvent, later: LoyaltyEvent) {
        self.earlier = earlier
        self.later = later
    }

    public var description: String {
        "event '\(later.id)' arrived before with different content (\(EventDifference.fields(between: earlier, and: later)) differ)"
    }
}
