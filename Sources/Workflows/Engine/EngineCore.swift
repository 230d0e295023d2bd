import Determinism
import HeapModule
import StatesLanguage

/// The engine's mutable state, guarded by one lock.
struct EngineCore {
    var machines: [String: StateMachine] = [:]
    /// Executions in memory: those with work in flight, and those not yet saved.
    var cache = ExecutionCache()
    /// The due window of stored timers; cancelled ones are skipped when they come up.
    var timers = Heap<TimerEntry>()
    var cancelled: Set<Int64> = []
    /// The timers of tasks in flight, never staged for the store (``TimerEntry/Kind/isTaskTimer``), and
    /// those of them cancelled: apart from the window, which they never leave (trimming it would lose them).
    var taskTimers = Heap<TimerEntry>()
    var cancelledTaskTimers: Set<Int64> = []
    /// Every stored timer ordered at or before this one (by due time, then sequence) is in `timers`;
    /// nil when all of them are.
    var horizon: TimerEntry?
    /// The most timers kept in memory.
    var window = 10_000
    /// Counts changes of the horizon other than extensions, so an extension read before one is dropped.
    var windowGeneration = 0
    /// Whether the read-ahead is reading the timers after the horizon.
    var extendingWindow = false
    var nextSequence: Int64 = 0
    /// The calls to fire timers already scheduled on the clock.
    var wakes = PendingWakes()
    /// Ids of every execution in the store or staged for it.
    var names = NameFilter(capacity: 1 << 16)
    /// While the filter is rebuilt from the store, the executions started meanwhile (nil otherwise).
    var namesStartedDuringRebuild: [ExecutionKey]?
    var batch = WorkflowBatch()
    /// History events recorded since the last batch was taken (they wait in their executions).
    var unsavedEvents = 0
    /// Timers armed, and sequences of timers removed, in batches not yet written: a reload of the
    /// window reads the store and corrects it with these, so it need not wait for the writer.
    var unwrittenArmed: [Int64: TimerEntry] = [:]
    var unwrittenRemoved: Set<Int64> = []
    /// Counts batches written, so a reload can tell whether one landed while it read the store.
    var commitsWritten = 0
    /// The executions changed since the last batch was taken, each once (``ExecutionCache/Entry/isDirty``).
    var dirty: [ExecutionCache.Entry] = []
    /// How many batches were taken: the last one's number.
    var batchesTaken = 0
    /// Batches written, handed back to be freed on the engine's thread, which allocated their events
    /// (see ``takeSpentBatches()``).
    var spent: [StagedBatch] = []
    /// Executions being read ahead in the background, each with the number of the request that asked
    /// for it: a request's copy is put into memory only if no later request (or read on demand) took
    /// the execution over, since the execution may have come back, changed and left again meanwhile.
    var readingAhead: [String: Int] = [:]
    /// How many read-ahead requests were made: the last one's number.
    var readAheadRequests = 0
    /// The latest timer whose execution the read-ahead was asked for (nil: start from the earliest), and
    /// about how many timers up to it have not fired yet.
    var readAheadFrontier: TimerEntry?
    var readAheadRemaining = 0
    /// Whether the execution behind a timer may be only in the store: once a waiting execution has left
    /// the cache, or the engine has resumed with stored timers. Until then every due execution is in
    /// memory: the engine neither looks them up before firing their timers nor scans the window ahead.
    var executionsMayBeStored = false
    var statistics = EngineStatistics()
    var failure: (any Error)?

    /// Removes and returns the earliest live timer due by `now`, of the window and of tasks in flight.
    mutating func popDueTimer(now: Instant) -> TimerEntry? {
        guard let next = nextTimer(), next.due <= now else { return nil }
        // A task's timers are only ever in their own heap (stored ones from earlier versions are never loaded).
        return next.kind.isTaskTimer ? taskTimers.removeMin() : timers.removeMin()
    }

    /// The earliest live timer, of the window and of tasks in flight, without removing it.
    mutating func nextTimer() -> TimerEntry? {
        let stored = nextStoredTimer()
        while let first = taskTimers.min, cancelledTaskTimers.remove(first.sequence) != nil { taskTimers.removeMin() }
        switch (stored, taskTimers.min) {
        case (let stored?, let task?): return min(stored, task)
        case (let stored, let task): return stored ?? task
        }
    }

    /// The window's earliest live timer: with no stored timer left in it, the window is reloaded.
    mutating func nextStoredTimer() -> TimerEntry? {
        while let first = timers.min, cancelled.remove(first.sequence) != nil { timers.removeMin() }
        return timers.min
    }

    /// Takes the batches the writer has written, for the engine's thread to free outside the lock: freed
    /// on the writer's thread, every free contended with the engine's allocations for the same malloc
    /// arena, and both threads slowed down.
    mutating func takeSpentBatches() -> [StagedBatch] {
        guard !spent.isEmpty else { return [] }
        defer { spent = [] }
        return spent
    }

    /// The executions behind the window's next `count` timers after the read-ahead's frontier, less those
    /// in memory or already being read, and less those behind cancelled timers (a task's timeout, cancelled
    /// when the task answers, stays in the window until it comes up: reading ahead behind it would bring a
    /// waiting execution back a minute before its own timer); moves the frontier past those timers and
    /// marks the executions as being read by a new request, whose number it returns with them. Nil when
    /// the window holds no timer after the frontier.
    mutating func executionsToReadAhead(_ count: Int) -> (ids: [String], request: Int)? {
        var earliest = Heap<TimerEntry>()
        for timer in timers.unordered where readAheadFrontier.map({ $0 < timer }) ?? true {
            if earliest.count < count {
                earliest.insert(timer)
            } else if let latest = earliest.max, timer < latest {
                earliest.replaceMax(with: timer)
            }
        }
        guard let latest = earliest.max else { return nil }
        readAheadFrontier = latest
        readAheadRequests += 1
        var ids: [String] = []
        for timer in earliest.unordered where !cancelled.contains(timer.sequence) {
            readAheadRemaining += 1
            if !cache.contains(timer.executionID) && readingAhead[timer.executionID] == nil {
                readingAhead[timer.executionID] = readAheadRequests
                ids.append(timer.executionID)
            }
        }
        return (ids, readAheadRequests)
    }

    /// Arms a timer: in the execution, in the batch, and in the window when it falls inside it.
    ///
    /// When the window is full, its latest timers leave memory (they are staged for the store, which
    /// is written before the window is reloaded) and the horizon moves before them.
    mutating func arm(_ timer: TimerEntry, in execution: inout ExecutionState) {
        execution.timers.append(timer)
        if timer.kind.isTaskTimer {
            taskTimers.insert(timer)
            return
        }
        batch.armedTimers.append(timer)
        unwrittenArmed[timer.sequence] = timer
        guard horizon.map({ timer <= $0 }) ?? true else { return }
        timers.insert(timer)
        trimWindow()
    }

    /// Stages the removal of a timer that fired or went stale (a task's timers were never stored).
    mutating func stageRemoval(of timer: TimerEntry) {
        guard !timer.kind.isTaskTimer else { return }
        batch.removedTimers.append(timer)
        unwrittenRemoved.insert(timer.sequence)
    }

    /// Replaces the window with the earliest timers: those `stored` (the store's earliest, and whether
    /// it holds more after them) corrected by the timers armed and removed in batches not yet written.
    mutating func refill(stored: [TimerEntry], hasMore: Bool) {
        removeTaskTimers(in: stored)
        let (live, limit) = liveTimers(stored: stored, hasMore: hasMore, after: nil)
        timers = Heap(live)
        cancelled = []
        horizon = limit
        windowGeneration += 1
        trimWindow()
    }

    /// Adds to the window the timers after the horizon: those `stored` (the store's next ones after it, and
    /// whether it holds more after them), corrected as ``refill(stored:hasMore:)`` corrects them. Timers
    /// after the horizon are never in the window (arming leaves them out, trimming takes them out), so
    /// none is added twice.
    mutating func extend(stored: [TimerEntry], hasMore: Bool) {
        guard let previous = horizon else { return }
        removeTaskTimers(in: stored)
        let (live, limit) = liveTimers(stored: stored, hasMore: hasMore, after: previous)
        for timer in live { timers.insert(timer) }
        horizon = limit
        trimWindow()
    }

    /// Stages the removal of the tasks' timers that versions before stored (this one keeps them in
    /// memory only): they are never loaded, and would otherwise be read at every reload.
    private mutating func removeTaskTimers(in stored: [TimerEntry]) {
        for timer in stored where timer.kind.isTaskTimer && unwrittenRemoved.insert(timer.sequence).inserted {
            batch.removedTimers.append(timer)
        }
    }

    /// The timers `stored` (read from the store after `after`, or from the first), less those removed in
    /// batches not yet written, plus those armed in them up to the last stored one when the store holds
    /// more (that last one is the window's new horizon, returned as `limit`; nil when it holds no more).
    private func liveTimers(stored: [TimerEntry], hasMore: Bool, after: TimerEntry?) -> (timers: [TimerEntry], limit: TimerEntry?) {
        let limit = hasMore ? stored.last : nil
        var live = stored.filter { !unwrittenRemoved.contains($0.sequence) && !$0.kind.isTaskTimer }
        let known = Set(stored.map(\.sequence))
        for timer in unwrittenArmed.values
        where after.map({ $0 < timer }) ?? true && !known.contains(timer.sequence) && !unwrittenRemoved.contains(timer.sequence)
            && limit.map({ timer <= $0 }) ?? true
        {
            live.append(timer)
        }
        return (live, limit)
    }

    /// A batch is in the store: its timers need no correcting any more.
    mutating func written(armed: [Int64], removed: [Int64]) {
        armed.forEach { unwrittenArmed.removeValue(forKey: $0) }
        removed.forEach { unwrittenRemoved.remove($0) }
        commitsWritten += 1
    }

    /// When the window holds too many timers, its latest leave memory and the horizon moves before them.
    private mutating func trimWindow() {
        while timers.count > window {
            let latest = timers.removeMax()
            cancelled.remove(latest.sequence)
            horizon = timers.max
            windowGeneration += 1
        }
    }

    /// Drops the cancelled timers from the tasks' heap once they are half of it. A task's timeout would
    /// otherwise stay until it came due (an hour, say, after a task that answered in a second), and the
    /// heap, which no window bounds, would hold every such timeout of the last hour.
    private mutating func compactTaskTimers() {
        guard cancelledTaskTimers.count > 1_024, cancelledTaskTimers.count * 2 > taskTimers.count else { return }
        taskTimers = Heap(taskTimers.unordered.filter { !cancelledTaskTimers.contains($0.sequence) })
        cancelledTaskTimers = []
    }

    /// Drops the execution's timers that no longer match a run's token and phase.
    mutating func cancelStaleTimers(of execution: inout ExecutionState) {
        var stale: [TimerEntry] = []
        for timer in execution.timers where !Self.isLive(timer, in: execution) { stale.append(timer) }
        guard !stale.isEmpty else { return }
        execution.timers.removeAll { timer in stale.contains { $0.sequence == timer.sequence } }
        for timer in stale {
            if timer.kind.isTaskTimer {
                cancelledTaskTimers.insert(timer.sequence)
            } else {
                cancelled.insert(timer.sequence)
                stageRemoval(of: timer)
            }
        }
        compactTaskTimers()
    }

    private static func isLive(_ timer: TimerEntry, in execution: ExecutionState) -> Bool {
        guard execution.status == .running else { return false }
        if timer.kind == .executionTimeout { return true }
        return execution.runs.read(timer.runID) { run in
            guard run.token == timer.token else { return false }
            switch (timer.kind, run.phase) {
            case (.wait, .waiting), (.retry, .retrying), (.taskTimeout, .task), (.heartbeat, .task): return true
            default: return false
            }
        } ?? false
    }
}
