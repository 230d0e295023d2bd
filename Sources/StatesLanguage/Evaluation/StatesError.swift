import JSON

/// An error as Step Functions names it: `States.Timeout`, `States.Runtime`, or a task's own error name.
///
/// These are data that flow through Retry and Catch, not Swift errors about the program itself.
public struct StatesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error name matched by `ErrorEquals`.
    public let name: String
    /// The human-readable cause, if any.
    public let cause: String?

    /// Creates an error.
    public init(_ name: String, cause: String?) {
        self.name = name
        self.cause = cause
    }

    /// Any error: only valid alone, as the last `ErrorEquals` of a retrier or catcher.
    public static let all = "States.ALL"
    /// Any error except `States.Timeout`.
    public static let taskFailed = "States.TaskFailed"
    /// A task ran longer than its TimeoutSeconds, or the execution longer than its own.
    public static let timeout = "States.Timeout"
    /// A task sent no heartbeat for HeartbeatSeconds.
    public static let heartbeatTimeout = "States.HeartbeatTimeout"
    /// The execution could not process something; never caught by `States.ALL`.
    public static let runtime = "States.Runtime"
    /// A payload over 256 KiB; never caught by `States.ALL`.
    public static let dataLimitExceeded = "States.DataLimitExceeded"
    /// An intrinsic function failed.
    public static let intrinsicFailure = "States.IntrinsicFailure"
    /// ResultPath could not be applied to the state's input.
    public static let resultPathMatchFailure = "States.ResultPathMatchFailure"
    /// A path in Parameters or ItemSelector matched nothing.
    public static let parameterPathFailure = "States.ParameterPathFailure"
    /// A Parallel branch failed.
    public static let branchFailed = "States.BranchFailed"
    /// No Choice rule matched and there is no Default.
    public static let noChoiceMatched = "States.NoChoiceMatched"
    /// A Map state's failed iterations passed its tolerated threshold.
    public static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    /// The task's credentials are insufficient.
    public static let permissions = "States.Permissions"

    /// A `States.Runtime` error with the given cause.
    public static func runtime(_ cause: String) -> StatesError { StatesError(runtime, cause: cause) }

    /// A `States.IntrinsicFailure` error with the given cause.
    public static func intrinsic(_ cause: String) -> StatesError { StatesError(intrinsicFailure, cause: cause) }

    /// The error as the state output that a Catch hands on: `{"Error": …, "Cause": …}`.
    public var output: JSONValue {
        var object = JSONObject()
        object["Error"] = .string(name)
        object["Cause"] = cause.map { .string($0) } ?? .null
        return .object(object)
    }

    public var description: String { cause.map { "\(name): \($0)" } ?? name }
}
