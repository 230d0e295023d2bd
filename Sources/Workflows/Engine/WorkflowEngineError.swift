/// Why the engine refused a request.
public enum WorkflowEngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No state machine is registered under the name.
    case unknownStateMachine(String)
    /// An execution with this name exists with a different input (Step Functions' ExecutionAlreadyExists).
    case executionAlreadyExists(id: String)
    /// No execution has the id.
    case unknownExecution(String)
    /// A saved execution could not be read back.
    case unreadableExecution(id: String, reason: String)

    public var description: String {
        switch self {
        case .unknownStateMachine(let name): "no state machine named '\(name)' is registered"
        case .executionAlreadyExists(let id): "execution \(id) already exists with a different input"
        case .unknownExecution(let id): "no execution \(id)"
        case .unreadableExecution(let id, let reason): "execution \(id) cannot be read back: \(reason)"
        }
    }
}
