/// A path, reference path or intrinsic function call that cannot be parsed.
public struct PathSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that failed.
    public let text: String
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "'\(text)' \(reason)" }
}
