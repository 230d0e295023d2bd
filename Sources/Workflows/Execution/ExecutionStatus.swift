/// An execution's status, with Step Functions' names.
public enum ExecutionStatus: String, CaseIterable, Hashable, Sendable {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
}
