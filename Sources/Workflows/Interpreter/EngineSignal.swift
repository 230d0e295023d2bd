import Determinism
import JSON
import StatesLanguage

/// Something that happened to an execution, handed to the ``Interpreter``.
enum EngineSignal: Sendable {
    /// A timer is due.
    case timerFired(TimerEntry)
    /// A task finished, successfully or not.
    case taskCompleted(runID: Int, token: Int, result: Result<JSONValue, StatesError>)
    /// A task sent a heartbeat.
    case heartbeat(runID: Int, token: Int)
}

/// A timer of an execution: a Wait, a retry delay, a task's timeout or heartbeat, or the execution's timeout.
public struct TimerEntry: Hashable, Sendable, Comparable {
    /// What the timer is for.
    public enum Kind: String, Hashable, Sendable {
        case wait, retry, taskTimeout, heartbeat, executionTimeout

        /// Whether the timer belongs to a task in flight (its TimeoutSeconds or HeartbeatSeconds): such a
        /// timer is kept in memory only. A task in flight when the process stops is invoked again when the
        /// engine resumes, which arms its timers anew, so the store needs none of them; and its execution
        /// stays in memory while the task runs.
        public var isTaskTimer: Bool { self == .taskTimeout || self == .heartbeat }
    }

    /// When it is due.
    public let due: Instant
    /// The order of creation, so timers due at the same instant fire in a fixed order.
    public let sequence: Int64
    /// The execution it belongs to.
    public let executionID: String
    /// The run that set it, and that run's token at the time.
    public let runID: Int
    public let token: Int
    public let kind: Kind

    /// Creates a timer.
    public init(due: Instant, sequence: Int64, executionID: String, runID: Int, token: Int, kind: Kind) {
        self.due = due
        self.sequence = sequence
        self.executionID = executionID
        self.runID = runID
        self.token = token
        self.kind = kind
    }

    public static func < (lhs: TimerEntry, rhs: TimerEntry) -> Bool {
        (lhs.due, lhs.sequence) < (rhs.due, rhs.sequence)
    }
}

/// What the interpreter asks the engine to do.
enum EngineAction: Sendable {
    /// Call the resource's handler, then report back with the run and token.
    case invokeTask(TaskCall)
    /// Arm a timer; `sequence` is filled in by the engine.
    case scheduleTimer(due: Instant, runID: Int, token: Int, kind: TimerEntry.Kind)
}

/// One call of a task handler, with what the engine needs to deliver its result.
struct TaskCall: Sendable {
    let runID: Int
    let token: Int
    let invocation: TaskInvocation
}
