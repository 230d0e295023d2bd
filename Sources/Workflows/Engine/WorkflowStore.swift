import Determinism
import StatesLanguage

/// Where the engine keeps executions, their histories and their timers.
///
/// Two implementations: ``InMemoryWorkflowStore`` here, and the SQLite store in `Storage`. A PostgreSQL
/// store could claim due timers with `FOR UPDATE SKIP LOCKED` behind the same protocol.
public protocol WorkflowStore: Sendable {
    /// Whether the store keeps executions across a restart. The engine saves snapshots and lets
    /// waiting executions leave memory only for a durable store.
    var isDurable: Bool { get }
    /// Whether the store answers reads while a write is in progress (SQLite in WAL mode through a pool of
    /// connections), so that the engine reads ahead on a thread of its own; a store with one connection
    /// answers them only between writes, and the engine then reads ahead on its own thread.
    var readsWhileWriting: Bool { get }
    /// Writes a batch atomically: all of it, or none.
    func save(_ batch: WorkflowBatch) throws
    /// The saved execution with this id, if any.
    func execution(_ id: String) throws -> SavedExecution?
    /// The snapshots of the saved executions among `ids` (fewer when some are unknown), in one read.
    func snapshots(_ ids: [String]) throws -> [(id: String, snapshot: ExecutionSnapshot)]
    /// Every stored execution id, in one read and never all held at once (the engine's filter of known
    /// names reads millions): `start` gets how many there are, then `add` gets each id.
    func reduceExecutionIDs<Result>(into start: (_ count: Int) -> Result, _ add: (inout Result, String) -> Void) throws -> Result
    /// The ids of running executions that have work other than waiting for a timer (to resume after a restart).
    func executionsToResume() throws -> [String]
    /// The earliest `limit` timers in (due, sequence) order after `after` (from the first when nil), and
    /// whether more are stored after them.
    func earliestTimers(after: TimerEntry?, limit: Int) throws -> (timers: [TimerEntry], hasMore: Bool)
    /// The highest timer sequence ever saved, so new timers sort after old ones.
    func lastTimerSequence() throws -> Int64
    /// The execution's history in order.
    func history(of id: String) throws -> [HistoryEvent]
    /// Summaries of executions, newest first, at most `limit`; only those with `status` when it is given.
    func executions(limit: Int, status: ExecutionStatus?) throws -> [ExecutionSummary]
}

extension WorkflowStore {
    /// The earliest `limit` timers in (due, sequence) order, and whether more are stored after them.
    public func earliestTimers(limit: Int) throws -> (timers: [TimerEntry], hasMore: Bool) {
        try earliestTimers(after: nil, limit: limit)
    }

    /// Summaries of executions of any status, newest first, at most `limit`.
    public func executions(limit: Int) throws -> [ExecutionSummary] {
        try executions(limit: limit, status: nil)
    }
}

/// One group commit: the latest snapshot of every changed execution, new history events, timers armed and removed.
public struct WorkflowBatch: Sendable {
    public var executions: [SavedExecution] = []
    /// Each changed execution's new events, as one compact chunk per execution.
    public var histories = HistoryChunks()
    public var armedTimers: [TimerEntry] = []
    public var removedTimers: [TimerEntry] = []

    /// An empty batch.
    public init() {}

    /// Whether there is nothing to write.
    public var isEmpty: Bool { executions.isEmpty && histories.isEmpty && armedTimers.isEmpty && removedTimers.isEmpty }

    /// Leaves out timers armed and removed within this batch (a task's timeout when the task answered
    /// quickly, say): the store never needs to see them.
    mutating func dropTimersArmedAndRemoved() {
        let armed = Set(armedTimers.map(\.sequence))
        let both = Set(removedTimers.map(\.sequence)).intersection(armed)
        guard !both.isEmpty else { return }
        armedTimers.removeAll { both.contains($0.sequence) }
        removedTimers.removeAll { both.contains($0.sequence) }
    }
}

/// An execution as stored: its summary for listing, and its full snapshot for resuming.
public struct SavedExecution: Sendable {
    public let summary: ExecutionSummary
    /// Whether it has work other than waiting for a timer.
    public let needsResume: Bool
    /// The snapshot to resume it from.
    public let snapshot: ExecutionSnapshot

    /// Creates a saved execution.
    public init(summary: ExecutionSummary, needsResume: Bool, snapshot: ExecutionSnapshot) {
        self.summary = summary
        self.needsResume = needsResume
        self.snapshot = snapshot
    }
}
