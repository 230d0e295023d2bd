/// A compact JSON document that cannot be read: where, and why.
public struct CompactJSONError: Error, Sendable, CustomStringConvertible {
    /// The byte offset where reading failed.
    public let offset: Int
    /// What was wrong there.
    public let reason: String

    public var description: String { "compact JSON at byte \(offset): \(reason)" }
}
