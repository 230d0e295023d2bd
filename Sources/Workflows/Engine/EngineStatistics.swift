/// Counts of what an engine has done since it was created.
public struct EngineStatistics: Hashable, Sendable {
    public var executionsStarted = 0
    public var executionsSucceeded = 0
    public var executionsFailed = 0
    /// States entered: Step Functions bills one state transition for each.
    public var stateTransitions = 0
    public var taskInvocations = 0
    public var historyEvents = 0
    public var timersFired = 0
    /// Group commits written to the store.
    public var commits = 0
    /// Saved executions brought back into memory for their timers: ahead of the timers (in the background,
    /// or with a due one for a store that cannot read while it writes), and when a timer came due that the
    /// read-ahead had not reached.
    public var executionsReadAhead = 0
    public var executionsReadOnDemand = 0

    /// All zero.
    public init() {}
}
