import Determinism

/// An instant, counted in whole milliseconds from the Unix epoch (1970-01-01T00:00:00Z).
///
/// Events carry RFC 3339 times with any offset; they are normalised to this UTC count, so
/// `2026-11-24T09:15:02+01:00` and `2026-11-24T08:15:02.000Z` are the same timestamp.
/// Digits beyond the millisecond are accepted and dropped.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch; negative before 1970.
    public var millisecondsSinceEpoch: Int64

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The same instant as a clock's ``Instant`` (both count milliseconds from the Unix epoch).
    public init(_ instant: Instant) {
        self.millisecondsSinceEpoch = instant.millisecondsSinceEpoch
    }

    /// The same instant on a clock, to sleep until or schedule at.
    public var instant: Instant { Instant(millisecondsSinceEpoch: millisecondsSinceEpoch) }

    /// Parses an RFC 3339 date-time with a UTC offset, such as `2026-11-24T08:15:02.120Z`.
    public init(rfc3339 text: String) throws(FieldProblem) {
        self = try RFC3339.parse(text)
    }

    /// The timestamp `milliseconds` later (or earlier, when negative).
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// The timestamp in UTC with milliseconds, always 24 characters: `2026-11-24T08:15:02.120Z`.
    public var rfc3339: String { instant.rfc3339 }

    /// Appends ``rfc3339``'s bytes to `bytes`, for writers that produce millions of lines.
    public func writeRFC3339(into bytes: inout [UInt8]) {
        instant.writeRFC3339(into: &bytes)
    }

    public var description: String { rfc3339 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
