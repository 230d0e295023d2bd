/// A point in time counted in milliseconds from the Unix epoch, shared by the wall and virtual clocks
/// and stored in SQLite as an INTEGER.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// Creates an instant.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The instant `duration` later, rounded up to the millisecond so that a wait never ends early.
    public func advanced(by duration: Duration) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + Self.milliseconds(duration))
    }

    /// The duration from this instant to `other`.
    public func duration(to other: Instant) -> Duration {
        .milliseconds(other.millisecondsSinceEpoch - millisecondsSinceEpoch)
    }

    /// Whole milliseconds in `duration`, rounded up.
    public static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let fraction = attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return seconds * 1_000 + fraction + (remainder > 0 ? 1 : 0)
    }

    public var description: String { "\(millisecondsSinceEpoch)ms" }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
