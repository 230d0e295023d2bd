import Synchronization
import Workflows

/// A store that times the calls the engine makes to another one, to split engine work from database work.
final class TimedStore: WorkflowStore {
    private let inner: any WorkflowStore
    private let totals = Mutex<[String: Duration]>([:])

    init(_ inner: any WorkflowStore) {
        self.inner = inner
    }

    var isDurable: Bool { inner.isDurable }
    var readsWhileWriting: Bool { inner.readsWhileWriting }

    /// Seconds spent in each kind of call.
    var seconds: [String: Double] {
        totals.withLock { $0.mapValues(EngineBenchmark.seconds) }
    }

    private func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer { let elapsed = ContinuousClock.now - start; totals.withLock { $0[name, default: .zero] += elapsed } }
        return try body()
    }

    func save(_ batch: WorkflowBatch) throws { try timed("save") { try inner.save(batch) } }
    func execution(_ id: String) throws -> SavedExecution? { try timed("execution") { try inner.execution(id) } }
    func snapshots(_ ids: [String]) throws -> [(id: String, snapshot: ExecutionSnapshot)] { try timed("snapshots") { try inner.snapshots(ids) } }
    func reduceExecutionIDs<Result>(into start: (_ count: Int) -> Result, _ add: (inout Result, String) -> Void) throws -> Result {
        try timed("executionIDs") { try inner.reduceExecutionIDs(into: start, add) }
    }
    func executionsToResume() throws -> [String] { try timed("resume") { try inner.executionsToResume() } }
    func earliestTimers(after: TimerEntry?, limit: Int) throws -> (timers: [TimerEntry], hasMore: Bool) {
        try timed("timers") { try inner.earliestTimers(after: after, limit: limit) }
    }
    func lastTimerSequence() throws -> Int64 { try inner.lastTimerSequence() }
    func history(of id: String) throws -> [HistoryEvent] { try inner.history(of: id) }
    func executions(limit: Int, status: ExecutionStatus?) throws -> [ExecutionSummary] { try inner.executions(limit: limit, status: status) }
}
