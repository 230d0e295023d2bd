import Determinism
import JSON
import StatesLanguage

/// One event of an execution's history, with Step Functions' event type names.
public struct HistoryEvent: Hashable, Sendable {
    /// 1-based, in order within the execution.
    public let id: Int
    /// The event before it on the same path of the execution (0 for the first).
    public let previousEventID: Int
    /// When it happened.
    public let timestamp: Instant
    /// The type, such as `TaskStateEntered`.
    public let type: HistoryEventType
    /// The details as recorded, in parts.
    public let recorded: HistoryDetails

    /// The details Step Functions shows for the type: name, input, output, resource, error, cause.
    public var details: JSONObject { recorded.object }

    /// Creates an event.
    public init(id: Int, previousEventID: Int, timestamp: Instant, type: HistoryEventType, details: JSONObject) {
        self.init(id: id, previousEventID: previousEventID, timestamp: timestamp, type: type, recorded: .object(details))
    }

    /// Creates an event from the parts of its details.
    public init(id: Int, previousEventID: Int, timestamp: Instant, type: HistoryEventType, recorded: HistoryDetails) {
        self.id = id
        self.previousEventID = previousEventID
        self.timestamp = timestamp
        self.type = type
        self.recorded = recorded
    }
}

/// Step Functions' history event types used by this engine.
public enum HistoryEventType: String, CaseIterable, Hashable, Sendable {
    case executionStarted = "ExecutionStarted", executionSucceeded = "ExecutionSucceeded", executionFailed = "ExecutionFailed"
    case executionTimedOut = "ExecutionTimedOut"
    case passStateEntered = "PassStateEntered", passStateExited = "PassStateExited"
    case taskStateEntered = "TaskStateEntered", taskStateExited = "TaskStateExited"
    case taskScheduled = "TaskScheduled", taskStarted = "TaskStarted", taskSucceeded = "TaskSucceeded", taskFailed = "TaskFailed"
    case taskTimedOut = "TaskTimedOut"
    case waitStateEntered = "WaitStateEntered", waitStateExited = "WaitStateExited"
    case choiceStateEntered = "ChoiceStateEntered", choiceStateExited = "ChoiceStateExited"
    case succeedStateEntered = "SucceedStateEntered", succeedStateExited = "SucceedStateExited"
    case failStateEntered = "FailStateEntered"
    case parallelStateEntered = "ParallelStateEntered", parallelStateStarted = "ParallelStateStarted"
    case parallelStateSucceeded = "ParallelStateSucceeded", parallelStateFailed = "ParallelStateFailed"
    case parallelStateExited = "ParallelStateExited"
    case mapStateEntered = "MapStateEntered", mapStateStarted = "MapStateStarted", mapStateSucceeded = "MapStateSucceeded"
    case mapStateFailed = "MapStateFailed", mapStateExited = "MapStateExited"
    case mapIterationStarted = "MapIterationStarted", mapIterationSucceeded = "MapIterationSucceeded", mapIterationFailed = "MapIterationFailed"

    /// The `…StateEntered` type of a state's type (`Task` → `TaskStateEntered`), chosen by its kind
    /// rather than spelled and parsed: the interpreter asks at every state it enters.
    static func entered(_ kind: State.Kind) -> HistoryEventType {
        switch kind {
        case .pass: .passStateEntered
        case .task: .taskStateEntered
        case .wait: .waitStateEntered
        case .choice: .choiceStateEntered
        case .succeed: .succeedStateEntered
        case .fail: .failStateEntered
        case .parallel: .parallelStateEntered
        case .map: .mapStateEntered
        }
    }

    /// The `…StateExited` type of a state's type; Fail states have none.
    static func exited(_ kind: State.Kind) -> HistoryEventType? {
        switch kind {
        case .pass: .passStateExited
        case .task: .taskStateExited
        case .wait: .waitStateExited
        case .choice: .choiceStateExited
        case .succeed: .succeedStateExited
        case .fail: nil
        case .parallel: .parallelStateExited
        case .map: .mapStateExited
        }
    }
}
