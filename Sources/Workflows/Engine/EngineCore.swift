import Determinism
import HeapModule
import StatesLanguage

/// The engine's mutable state, guarded by one lock.
struct EngineCore {
    var machines: [String: StateMachine] = [:]
    /// Executions in memory: those with work in flight, and those not yet saved.
    var cache: [String: ExecutionState] = [:]
    /// The due window of timers; cancelled ones are skipped when they come up.
    var timers = Heap<TimerEntry>()
    var cancelled: Set<Int64> = []
    /// Every stored timer ordered at or before this one (by due time, then sequence) is in `timers`;
    /// nil when all of them are.
    var horizon: TimerEntry?
    /// The most timers kept in memory.
    var window = 10_000
    var nextSequence: Int64 = 0
    /// When a call to fire timers is already scheduled on the clock.
    var wakeAt: Instant?
    /// Ids of every execution in the store or staged for it.
    var names = NameFilter(capacity: 1 << 16)
    var batch = WorkflowBatch()
    var dirty: Set<String> = []
    var statistics = EngineStatistics()
    var failure: (any Error)?

    /// Removes and returns the earliest live timer due by `now`.
    mutating func popDueTimer(now: Instant) -> TimerEntry? {
        while let first = timers.min {
            if cancelled.remove(first.sequence) != nil {
                timers.removeMin()
                continue
            }
            guard first.due <= now else { return nil }
            return timers.removeMin()
        }
        return nil
    }

    /// The earliest live timer, without removing it.
    mutating func nextTimer() -> TimerEntry? {
        while let first = timers.min, cancelled.contains(first.sequence) {
            cancelled.remove(first.sequence)
            timers.removeMin()
        }
        return timers.min
    }

    /// Arms a timer: in the execution, in the batch, and in the window when it falls inside it.
    ///
    /// When the window is full, its latest timers leave memory (they are staged for the store, which
    /// is written before the window is reloaded) and the horizon moves before them.
    mutating func arm(_ timer: TimerEntry, in execution: inout ExecutionState) {
        execution.timers.append(timer)
        batch.armedTimers.append(timer)
        guard horizon.map({ timer <= $0 }) ?? true else { return }
        timers.insert(timer)
        while timers.count > window {
            let latest = timers.removeMax()
            cancelled.remove(latest.sequence)
            horizon = timers.max
        }
    }

    /// Drops the execution's timers that no longer match a run's token and phase.
    mutating func cancelStaleTimers(of execution: inout ExecutionState) {
        let snapshot = execution
        let stale = execution.timers.filter { !Self.isLive($0, in: snapshot) }
        guard !stale.isEmpty else { return }
        execution.timers.removeAll { !Self.isLive($0, in: snapshot) }
        for timer in stale {
            cancelled.insert(timer.sequence)
            batch.removedTimers.append(timer)
        }
    }

    private static func isLive(_ timer: TimerEntry, in execution: ExecutionState) -> Bool {
        guard execution.status == .running else { return false }
        if timer.kind == .executionTimeout { return true }
        guard let run = execution.runs[timer.runID], run.token == timer.token else { return false }
        switch (timer.kind, run.phase) {
        case (.wait, .waiting), (.retry, .retrying), (.taskTimeout, .task), (.heartbeat, .task): return true
        default: return false
        }
    }
}
