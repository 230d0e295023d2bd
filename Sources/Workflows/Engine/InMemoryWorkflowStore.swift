import Determinism
import HeapModule
import StatesLanguage
import Synchronization

/// A ``WorkflowStore`` in memory: the engine without durability, for tests and benchmarks. The engine
/// keeps every execution in its own memory and saves only summaries and histories here.
public final class InMemoryWorkflowStore: WorkflowStore {
    private struct Contents {
        var executions: [String: SavedExecution] = [:]
        var order: [String] = []
        var history: [String: [HistoryEvent]] = [:]
        var timers: [Int64: TimerEntry] = [:]
        var lastSequence: Int64 = 0
    }

    private let contents = Mutex(Contents())

    /// An empty store.
    public init() {}

    public var isDurable: Bool { false }
    public var readsWhileWriting: Bool { false }

    public func save(_ batch: WorkflowBatch) throws {
        try contents.withLock { contents in
            for execution in batch.executions {
                if contents.executions.updateValue(execution, forKey: execution.summary.id) == nil { contents.order.append(execution.summary.id) }
            }
            for chunk in batch.histories.entries { contents.history[chunk.executionID, default: []].append(contentsOf: try batch.histories.events(of: chunk)) }
            for timer in batch.armedTimers {
                contents.timers[timer.sequence] = timer
                contents.lastSequence = max(contents.lastSequence, timer.sequence)
            }
            for timer in batch.removedTimers { contents.timers.removeValue(forKey: timer.sequence) }
        }
    }

    public func execution(_ id: String) throws -> SavedExecution? {
        contents.withLock { $0.executions[id] }
    }

    public func snapshots(_ ids: [String]) throws -> [(id: String, snapshot: ExecutionSnapshot)] {
        contents.withLock { contents in ids.compactMap { id in contents.executions[id].map { (id, $0.snapshot) } } }
    }

    public func reduceExecutionIDs<Result>(into start: (_ count: Int) -> Result, _ add: (inout Result, String) -> Void) throws -> Result {
        let ids = contents.withLock { $0.order }
        return ids.reduce(into: start(ids.count), add)
    }

    public func executionsToResume() throws -> [String] {
        contents.withLock { contents in contents.order.filter { contents.executions[$0]?.needsResume == true } }
    }

    public func earliestTimers(after: TimerEntry?, limit: Int) throws -> (timers: [TimerEntry], hasMore: Bool) {
        contents.withLock { contents in
            let sorted = contents.timers.values.filter { timer in after.map { $0 < timer } ?? true }.sorted()
            return (Array(sorted.prefix(limit)), sorted.count > limit)
        }
    }

    public func lastTimerSequence() throws -> Int64 {
        contents.withLock { $0.lastSequence }
    }

    public func history(of id: String) throws -> [HistoryEvent] {
        contents.withLock { $0.history[id] ?? [] }
    }

    public func executions(limit: Int, status: ExecutionStatus?) throws -> [ExecutionSummary] {
        contents.withLock { contents in
            var found: [ExecutionSummary] = []
            for id in contents.order.reversed() where found.count < limit {
                if let summary = contents.executions[id]?.summary, status == nil || summary.status == status { found.append(summary) }
            }
            return found
        }
    }
}
