/// A retryable failure of the legacy backend. The caller cannot tell whether the call took effect.
public struct BackendError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error name Retry and Catch match: `Backend.Unavailable`.
    public let name: String
    /// What happened.
    public let cause: String

    /// The backend's one failure: it was busy, and the call may or may not have taken effect.
    public static func unavailable(_ operation: String) -> BackendError {
        BackendError(name: "Backend.Unavailable", cause: "The legacy backend did not answer \(operation).")
    }

    public var description: String { "\(name): \(cause)" }
}
