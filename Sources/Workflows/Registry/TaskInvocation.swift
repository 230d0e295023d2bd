import JSON
import StatesLanguage

/// One call of a Task state's resource: what a handler receives.
public struct TaskInvocation: Sendable {
    /// The Task's `Resource` string.
    public let resource: String
    /// The effective input (InputPath, then Parameters).
    public let input: JSONValue
    /// The same for every attempt of one visit of the state, including a rerun after a crash:
    /// the handler (and the backend behind it) uses it to apply the call at most once.
    public let idempotencyKey: String
    /// The execution's id (its ARN).
    public let executionID: String
    /// The state's name.
    public let stateName: String
    /// 1 for the first attempt, 2 for the first retry, ….
    public let attempt: Int
    /// Tells the engine the task is alive, for states with HeartbeatSeconds.
    public let heartbeat: @Sendable () -> Void

    /// Creates an invocation.
    public init(
        resource: String, input: JSONValue, idempotencyKey: String, executionID: String, stateName: String, attempt: Int,
        heartbeat: @escaping @Sendable () -> Void = {}
    ) {
        self.resource = resource
        self.input = input
        self.idempotencyKey = idempotencyKey
        self.executionID = executionID
        self.stateName = stateName
        self.attempt = attempt
        self.heartbeat = heartbeat
    }
}

/// A task's failure with an error name that Retry and Catch match, as a Lambda function's error type.
public struct TaskFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The error name, such as `Backend.Unavailable`.
    public let error: String
    /// A readable cause.
    public let cause: String?

    /// Creates a failure.
    public init(error: String, cause: String? = nil) {
        self.error = error
        self.cause = cause
    }

    public var description: String { cause.map { "\(error): \($0)" } ?? error }
}

/// Async Swift code behind a Task state's resource.
public typealias TaskHandler = @Sendable (TaskInvocation) async throws -> JSONValue

/// A synchronous answer for a Task state's resource, such as a mocked response.
public typealias ImmediateTaskHandler = @Sendable (TaskInvocation) throws -> JSONValue
