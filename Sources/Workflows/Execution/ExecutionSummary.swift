import Determinism
import JSON
import StatesLanguage

/// What a caller sees of an execution: its identity, status and result.
public struct ExecutionSummary: Hashable, Sendable {
    /// The execution's ARN, unique per state machine and name.
    public let id: String
    /// The name it was started with.
    public let name: String
    /// The state machine's name.
    public let machine: String
    /// Its status.
    public let status: ExecutionStatus
    /// Its input.
    public let input: JSONValue
    /// Its output, once it has succeeded.
    public let output: JSONValue?
    /// The error name, once it has failed or timed out.
    public let error: String?
    /// The cause, once it has failed or timed out.
    public let cause: String?
    /// When it started.
    public let startedAt: Instant
    /// When it ended.
    public let stoppedAt: Instant?
    /// States entered so far: Step Functions bills one state transition for each.
    public let stateTransitions: Int

    /// Creates a summary.
    public init(
        id: String, name: String, machine: String, status: ExecutionStatus, input: JSONValue, output: JSONValue?, error: String?, cause: String?,
        startedAt: Instant, stoppedAt: Instant?, stateTransitions: Int
    ) {
        self.id = id
        self.name = name
        self.machine = machine
        self.status = status
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.stateTransitions = stateTransitions
    }
}
