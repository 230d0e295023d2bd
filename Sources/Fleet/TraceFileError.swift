/// A trace file that cannot be read at all.
public struct TraceFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as the user gave it.
    public let path: String
    /// Why it cannot be read.
    public let reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read trace \(path): \(reason)" }
}
