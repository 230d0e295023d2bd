/// How the legacy backend behaves: the scenario's `backend:` section.
public struct BackendSettings: Hashable, Sendable {
    /// Until a counted purchase is visible to readers, drawn per count, in milliseconds.
    public var settle: ClosedRange<Int64> = 5_000...80_000
    /// How long each call takes, drawn per call, in milliseconds.
    public var latency: ClosedRange<Int64> = 40...300
    /// The fraction of calls that fail with a retryable error, half before and half after taking effect.
    public var failures = 0.0

    /// The defaults of `CONTRACT.md`'s example scenario.
    public init() {}
}
