import Determinism
import JSON
import StatesLanguage
import Synchronization

/// Runs Amazon States Language executions, durable in a ``WorkflowStore``, on a `SimulationClock` (`Determinism`).
///
/// ```swift
/// let engine = WorkflowEngine(clock: clock, store: store, registry: registry)
/// try engine.register(machine: "VendingPass", definition)
/// try engine.resume()                                   // after a restart: pick up where it stopped
/// let started = try engine.start(machine: "VendingPass", name: "e-000001", input: ["purchase": "e-000001"])
/// await clock.run()                                     // on the virtual clock: until every timer has fired
/// ```
///
/// Every state change is staged and written in group commits (after each change, or in batches), so
/// durability does not cost one transaction per transition. Only the due window of timers is kept in
/// memory, and an execution that only waits for a timer leaves memory once it is saved. After a crash,
/// ``resume()`` reloads the timers and re-invokes tasks that were in flight: at least once, with the
/// same idempotency key.
public final class WorkflowEngine: Sendable {
    /// When staged changes are written.
    public enum CommitPolicy: Sendable, Hashable {
        /// After every start, task result and round of timers: for live runs on the wall clock.
        case everyChange
        /// When this many history events are staged, and on ``flush()``: for replays on the virtual clock.
        case batched(events: Int)
    }

    /// Settings of an engine.
    public struct Options: Sendable {
        /// Seeds every random choice (intrinsics, retry jitter).
        public var seed: UInt64 = 0
        public var commitPolicy: CommitPolicy = .everyChange
        /// Timers loaded into memory at a time.
        public var timerWindow = 10_000
        /// Executions in flight kept in memory after they are saved, so the next step need not read them
        /// back; beyond this, saved executions that only wait for a timer leave memory (finished ones
        /// always do). At under a kilobyte each, the default holds the Vending Pass Waits of 90 s at a
        /// thousand purchases a second in under 100 MB.
        public var cachedExecutions = 100_000
        /// Executions the engine expects to start, when known (a replay knows its events): the filter of
        /// known names is sized for them at once, instead of being rebuilt each time it fills (which
        /// reads every execution's id from the store).
        public var expectedExecutions = 0

        /// The defaults.
        public init() {}
    }

    let clock: any SimulationClock
    let store: any WorkflowStore
    let registry: TaskRegistry
    let options: Options
    let core = Mutex(EngineCore())
    private let flushLock = Mutex(())
    /// Writes batched commits in the background (durable stores with a batched commit policy only).
    private let writer: BatchWriter?
    /// Reads the executions behind the next timers, and the window's next timers, in the background
    /// (durable stores that read while they write only).
    let readAhead: BackgroundQueue?
    private let onFinish: (@Sendable (ExecutionSummary) -> Void)?

    /// Creates an engine. Register state machines, then call ``resume()`` before starting executions.
    ///
    /// - Parameters:
    ///   - clock: the clock every Wait, retry and timeout runs on: virtual for replays and tests, wall for live use.
    ///   - store: where executions, histories and timers are kept; a durable store survives a restart.
    ///   - registry: the handlers of Task states' resources.
    ///   - options: seed, commit policy, timer window and cache size.
    ///   - onFinish: called (outside the engine's lock) when an execution succeeds, fails or times out.
    public init(
        clock: any SimulationClock, store: any WorkflowStore = InMemoryWorkflowStore(), registry: TaskRegistry, options: Options = Options(),
        onFinish: (@Sendable (ExecutionSummary) -> Void)? = nil
    ) {
        self.clock = clock
        self.store = store
        self.registry = registry
        self.options = options
        self.onFinish = onFinish
        if case .batched = options.commitPolicy, store.isDurable {
            writer = BatchWriter()
        } else {
            writer = nil
        }
        readAhead = store.isDurable && store.readsWhileWriting ? BackgroundQueue(label: "vendingpass.workflow-read-ahead") : nil
        core.withLock { $0.window = max(1, options.timerWindow) }
    }

    /// Registers a state machine under `name`, the name executions are started with.
    public func register(machine name: String, _ machine: StateMachine) {
        core.withLock { $0.machines[name] = machine }
    }

    /// Loads the timer window and resumes executions that were working when the process stopped.
    public func resume() throws {
        let sequence = try store.lastTimerSequence()
        core.withLock { $0.nextSequence = max($0.nextSequence, sequence) }
        try rebuildNameFilter()
        try reloadTimerWindow()
        core.withLock { $0.executionsMayBeStored = $0.executionsMayBeStored || !$0.timers.isEmpty }
        for id in try store.executionsToResume() {
            let (calls, finished) = try core.withLock { core throws in
                guard let entry = try entry(id, in: &core) else { return ([TaskCall](), [ExecutionSummary]()) }
                let transitionsBefore = entry.execution.transitions
                var interpreter = try makeInterpreter(for: entry, in: core)
                interpreter.resume(&entry.execution)
                return apply(interpreter, to: entry, transitionsBefore: transitionsBefore, in: &core)
            }
            dispatch(calls, finished: finished)
        }
        try afterChange(force: true)
    }

    /// Starts an execution named `name`, or returns the existing one when that name was used before
    /// with the same input (as Step Functions Standard does).
    ///
    /// - Throws: ``WorkflowEngineError/executionAlreadyExists(id:)`` when the name was used with another input.
    @discardableResult
    public func start(machine: String, name: String, input: JSONValue) throws -> StartedExecution {
        let id = ContextObject.executionARN(machine: machine, name: name)
        let (started, calls, finished) = try core.withLock { core throws in
            guard let definition = core.machines[machine] else { throw WorkflowEngineError.unknownStateMachine(machine) }
            // An execution started before is answered from memory or the store, and not brought back into
            // memory (nothing would let a finished one leave again); a durable engine's filter knows every
            // name it has seen, so a new one is looked up nowhere.
            let key = ExecutionKey(id)
            let seen = !store.isDurable || core.names.mightContain(key)
            let existing = seen ? try core.cache.entry(key)?.execution ?? (store.isDurable ? stored(id) : nil) : nil
            if let existing {
                guard existing.input == input else { throw WorkflowEngineError.executionAlreadyExists(id: id) }
                return (StartedExecution(summary: existing.summary, isNew: false), [TaskCall](), [ExecutionSummary]())
            }
            if store.isDurable {
                core.names.insert(key)
                core.namesStartedDuringRebuild?.append(key)
            }
            let entry = core.cache.insert(ExecutionState(id: id, name: name, machine: machine, input: input, startedAt: clock.now), key: key)
            var interpreter = Interpreter(machine: definition, now: clock.now, random: random(id: id, nextEventID: entry.execution.nextEventID))
            interpreter.start(&entry.execution)
            core.statistics.executionsStarted += 1
            let (calls, finished) = apply(interpreter, to: entry, in: &core)
            return (StartedExecution(summary: entry.execution.summary, isNew: true), calls, finished)
        }
        dispatch(calls, finished: finished)
        if core.withLock({ $0.names.isFull }) { try rebuildNameFilter() }
        try afterChange(force: false)
        return started
    }

    /// Refills the filter of known names, twice as large as the ids it holds: the executions in memory,
    /// the store's (read one at a time, never all held), and those started meanwhile. It need not wait
    /// for the writer: an execution leaves memory only once it is written, so one not in memory when
    /// they are listed is in the store when it is read.
    private func rebuildNameFilter() throws {
        guard store.isDurable else { return }
        try flushLock.withLock { _ throws in
            let inMemory = core.withLock { core in
                core.namesStartedDuringRebuild = []
                return core.cache.keys
            }
            var names: NameFilter
            do {
                names = try store.reduceExecutionIDs(into: { stored in
                    NameFilter(capacity: max(1 << 16, options.expectedExecutions, (stored + inMemory.count) * 2))
                }) { names, id in names.insert(ExecutionKey(id)) }
            } catch {
                core.withLock { $0.namesStartedDuringRebuild = nil }
                throw error
            }
            for key in inMemory { names.insert(key) }
            core.withLock { core in
                for key in core.namesStartedDuringRebuild ?? [] { names.insert(key) }
                core.names = names
                core.namesStartedDuringRebuild = nil
            }
        }
    }

    /// The execution's current summary.
    public func execution(_ id: String) throws -> ExecutionSummary? {
        if let cached = core.withLock({ $0.cache.entry(id)?.execution.summary }) { return cached }
        return try store.execution(id)?.summary
    }

    /// The execution's history, once written (call ``flush()`` first when using batched commits).
    public func history(of id: String) throws -> [HistoryEvent] {
        try store.history(of: id)
    }

    /// What the engine has done so far.
    public var statistics: EngineStatistics { core.withLock { $0.statistics } }

    /// Writes every staged change now, and waits until it is in the store.
    public func flush() throws {
        try commit(waiting: true)
    }

    /// Takes the staged changes as one batch and writes it: at once when `waiting` (or when the engine
    /// has no background writer), otherwise on the writer's queue while the engine goes on. When the
    /// writer already holds two batches, the engine would only wait for a slot, so it encodes the
    /// batch's histories, then its snapshots, itself until one is free, and the writer encodes
    /// the rest: the two threads share the work of a burst, and the engine, when it is the busier one,
    /// hands over what it need not do. Histories come first: encoded by the engine, their events are
    /// freed on the thread that allocated them, at once.
    func commit(waiting: Bool) throws {
        try flushLock.withLock { _ throws in
            _ = core.withLock { $0.takeSpentBatches() }  // freed here, outside the lock
            var taken = takeBatch()
            if !store.isDurable {
                taken.keepHistoriesUnencoded()
            } else if let writer, !waiting {
                taken.encodeHistories { writer.isFull }
            } else {
                taken.encodeHistories()
            }
            let staged = taken
            if waiting || writer == nil {
                readAhead?.drain()
                writer?.drain()
                if !staged.isEmpty { try write(staged) }
            } else if let writer, !staged.isEmpty {
                let prefix = staged.encodedPrefix(durable: store.isDurable) { writer.isFull }
                writer.submit { [self] in
                    do {
                        try write(staged, prefix: prefix)
                    } catch {
                        recordFailure(error)
                    }
                }
            }
        }
    }

    /// Encodes the batch's snapshots (after the `prefix` already encoded), writes it to the store, and
    /// lets saved executions leave memory.
    private func write(_ staged: StagedBatch, prefix: [SavedExecution] = []) throws {
        try store.save(staged.encoded(durable: store.isDurable, prefix: prefix))
        finishCommit(staged)
        if writer != nil { core.withLock { $0.spent.append(staged) } }
    }

    /// Takes what is staged; its histories are encoded next, outside the lock, and the executions'
    /// snapshots later, by whoever writes the batch.
    private func takeBatch() -> StagedBatch {
        core.withLock { core in
            var executions: [ExecutionState] = []
            executions.reserveCapacity(core.dirty.count)
            var batch = core.batch
            core.batch = WorkflowBatch()
            let events = core.unsavedEvents
            core.unsavedEvents = 0
            var histories: [(executionID: String, events: [HistoryEvent])] = []
            histories.reserveCapacity(core.dirty.count)
            core.batchesTaken += 1
            for entry in core.dirty {
                entry.isDirty = false
                entry.lastBatch = core.batchesTaken
                if !entry.execution.unsavedEvents.isEmpty {
                    histories.append((entry.execution.id, entry.execution.unsavedEvents))
                    entry.execution.unsavedEvents = []
                }
                executions.append(entry.execution)
            }
            let armed = batch.armedTimers.map(\.sequence)
            let removed = batch.removedTimers.map(\.sequence)
            batch.dropTimersArmedAndRemoved()
            defer { core.dirty = [] }
            return StagedBatch(
                number: core.batchesTaken, batch: batch, events: histories, eventCount: events, executions: executions, saved: core.dirty,
                armed: armed, removed: removed
            )
        }
    }

    /// After a batch is in the store: saved executions that have finished leave memory (they are read
    /// again only to be shown), and so do those that only wait for a timer once the cache is full, but
    /// only those whose latest state this batch holds (a later batch, still in flight, may hold a newer
    /// one). The cache then holds the executions in flight, those the next timers and task answers need.
    private func finishCommit(_ staged: StagedBatch) {
        core.withLock { core in
            core.statistics.commits += 1
            core.written(armed: staged.armed, removed: staged.removed)
            guard store.isDurable else { return }
            for entry in staged.saved where !entry.isDirty && entry.lastBatch == staged.number {
                if entry.execution.status != .running {
                    core.cache.remove(entry)
                } else if entry.execution.isWaitingOnTimers && core.cache.count > options.cachedExecutions {
                    core.cache.remove(entry)
                    core.executionsMayBeStored = true
                }
            }
        }
    }

    /// Executions in memory right now (for tests of the memory bound).
    public var executionsInMemory: Int { core.withLock { $0.cache.count } }

    /// Timers in memory right now.
    public var timersInMemory: Int { core.withLock { $0.timers.count + $0.taskTimers.count } }

    // MARK: - Internals shared with the timer and task extensions

    /// Applies a signal to one execution and performs the resulting actions.
    func deliver(_ signal: EngineSignal, to id: String, firing timer: TimerEntry? = nil) -> ([TaskCall], [ExecutionSummary]) {
        do {
            return try core.withLock { core throws in
                guard let entry = try entry(id, in: &core) else { return ([], []) }
                let transitionsBefore = entry.execution.transitions
                if let timer {
                    entry.execution.timers.removeAll { $0.sequence == timer.sequence }
                    core.stageRemoval(of: timer)
                    core.statistics.timersFired += 1
                }
                var interpreter = try makeInterpreter(for: entry, in: core)
                interpreter.handle(signal, in: &entry.execution)
                return apply(interpreter, to: entry, transitionsBefore: transitionsBefore, in: &core)
            }
        } catch {
            recordFailure(error)
            return ([], [])
        }
    }

    /// Stages the interpreter's events and timers, cancels stale timers, marks the execution changed, and
    /// returns the task calls to make.
    private func apply(
        _ interpreter: Interpreter, to entry: ExecutionCache.Entry, transitionsBefore: Int = 0, in core: inout EngineCore
    ) -> ([TaskCall], [ExecutionSummary]) {
        var calls: [TaskCall] = []
        for action in interpreter.actions {
            switch action {
            case .invokeTask(let call):
                calls.append(call)
            case .scheduleTimer(let due, let runID, let token, let kind):
                core.nextSequence += 1
                let timer = TimerEntry(due: due, sequence: core.nextSequence, executionID: entry.execution.id, runID: runID, token: token, kind: kind)
                core.arm(timer, in: &entry.execution)
            }
        }
        core.cancelStaleTimers(of: &entry.execution)
        core.unsavedEvents += interpreter.recordedEvents
        core.statistics.historyEvents += interpreter.recordedEvents
        core.statistics.stateTransitions += entry.execution.transitions - transitionsBefore
        core.statistics.taskInvocations += calls.count
        var finished: [ExecutionSummary] = []
        if entry.execution.status != .running, interpreter.endedExecution {
            switch entry.execution.status {
            case .succeeded: core.statistics.executionsSucceeded += 1
            default: core.statistics.executionsFailed += 1
            }
            finished.append(entry.execution.summary)
        }
        if !entry.isDirty {
            entry.isDirty = true
            core.dirty.append(entry)
        }
        return (calls, finished)
    }

    /// Spawns the task calls on the clock, then reports finished executions.
    func dispatch(_ calls: [TaskCall], finished: [ExecutionSummary]) {
        for call in calls { invoke(call) }
        if let onFinish { finished.forEach(onFinish) }
    }

    /// What a timer or a task completion does after stepping executions, where no caller can take an
    /// error: spawns the calls, reports finished executions and commits by the policy; an error is kept
    /// for the next caller of the engine (see ``recordFailure(_:)``).
    func proceed(with calls: [TaskCall], finished: [ExecutionSummary]) {
        dispatch(calls, finished: finished)
        do {
            try afterChange(force: false)
        } catch {
            recordFailure(error)
        }
    }

    /// Keeps the first error met where no caller could take it; the next ``afterChange(force:)`` throws it.
    func recordFailure(_ error: any Error) {
        core.withLock { $0.failure = $0.failure ?? error }
    }

    /// Commits by the policy (always when `force`), reloads the timer window if it ran dry, and makes sure
    /// the clock will wake the engine for the next timer.
    func afterChange(force: Bool) throws {
        let (spent, pending, needsReload, failure) = core.withLock { core in
            (core.takeSpentBatches(), core.unsavedEvents, core.nextStoredTimer() == nil && core.horizon != nil, core.failure)
        }
        _ = consume spent  // the written batches are freed here, outside the lock, as each change ends
        if let failure { throw failure }
        switch options.commitPolicy {
        case .everyChange: try flush()
        case .batched(let events):
            if force {
                try flush()
            } else if pending >= events {
                try commit(waiting: false)
            }
        }
        if needsReload { try reloadTimerWindow() } else { extendTimerWindowInBackground() }
        scheduleWake()
    }

    /// The execution's box in memory, read from the store first when it is not there: stepping the
    /// execution changes it in place. A read-ahead of it, already asked for, will not replace it.
    private func entry(_ id: String, in core: inout EngineCore) throws -> ExecutionCache.Entry? {
        if let cached = core.cache.entry(id) { return cached }
        core.readingAhead[id] = nil
        return try stored(id).map { core.cache.insert($0) }
    }

    /// The execution as the store last saved it; nil when the store is not durable or has none.
    private func stored(_ id: String) throws -> ExecutionState? {
        guard store.isDurable, let saved = try store.execution(id) else { return nil }
        return try Self.restore(id: id, snapshot: saved.snapshot)
    }

    /// How many of the window's next timers the read-ahead keeps the executions of in memory, and how
    /// many it asks for at a time: when timers come due one at a time (a purchase a millisecond, each
    /// waiting 90 s), it reads them a thousand at a time, three thousand ahead.
    static let readAheadTimers = 4_096
    static let readAheadStep = 1_024

    /// Brings the executions behind a round of due timers into memory, and keeps those behind the window's
    /// next ``readAheadTimers`` timers coming. Any due execution not in memory yet, even if the read-ahead
    /// is reading it, is read here with one query (so the engine's thread never waits for the read-ahead,
    /// whose copy is then dropped), and the read-ahead starts again from the earliest timers. A store that
    /// cannot read while it writes has no read-ahead thread: the executions ahead are read here, in the
    /// same query, a thousand at a time.
    func prefetch(_ ids: [String]) throws {
        guard store.isDurable else { return }
        let (missing, ahead, request) = core.withLock { core in
            // Until an execution with a timer has left memory, every due one is here: nothing to look up.
            guard core.executionsMayBeStored else { return ([String](), [String](), 0) }
            let missing = Array(Set(ids.filter { !core.cache.contains($0) }))
            if missing.isEmpty {
                core.readAheadRemaining = max(0, core.readAheadRemaining - ids.count)
            } else {
                missing.forEach { core.readingAhead[$0] = nil }
                core.readAheadFrontier = nil
                core.readAheadRemaining = 0
            }
            guard core.readAheadRemaining <= Self.readAheadTimers - Self.readAheadStep else { return (missing, [String](), 0) }
            guard let (ahead, request) = core.executionsToReadAhead(Self.readAheadTimers - core.readAheadRemaining) else {
                // No timer after the frontier yet: look again once a quarter of a step has fired, not at every round.
                core.readAheadRemaining = Self.readAheadTimers - Self.readAheadStep + Self.readAheadStep / 4
                return (missing, [String](), 0)
            }
            return (missing, ahead, request)
        }
        if let readAhead, !ahead.isEmpty {
            readAhead.submit { [self] in install(readingAhead: ahead, request: request) }
        }
        let readHere = readAhead == nil ? missing + ahead : missing
        guard !readHere.isEmpty else { return }
        let restored = try store.snapshots(readHere).map { try Self.restore(id: $0.id, snapshot: $0.snapshot) }
        let due = Set(missing)
        core.withLock { core in
            for execution in restored {
                if due.contains(execution.id) { core.statistics.executionsReadOnDemand += 1 } else { core.statistics.executionsReadAhead += 1 }
                if !core.cache.contains(execution.id) { core.cache.insert(execution) }
            }
            if readAhead == nil { ahead.forEach { core.readingAhead[$0] = nil } }
        }
    }

    /// Reads executions on the read-ahead's queue and puts into memory those the engine has not read or
    /// changed since `request` asked for them (their copy in the store may be stale by then: an execution
    /// read on demand meanwhile may have changed, left memory and been asked for again by a later
    /// request, whose read then sees its newer state). A failed read is left to the engine, which reads
    /// again when the timer comes due and reports the error there.
    private func install(readingAhead ids: [String], request: Int) {
        let restored = (try? store.snapshots(ids))?.compactMap { try? Self.restore(id: $0.id, snapshot: $0.snapshot) } ?? []
        core.withLock { core in
            for execution in restored where core.readingAhead[execution.id] == request && !core.cache.contains(execution.id) {
                core.cache.insert(execution)
                core.statistics.executionsReadAhead += 1
            }
            for id in ids where core.readingAhead[id] == request { core.readingAhead[id] = nil }
        }
    }

    private static func restore(id: String, snapshot: ExecutionSnapshot) throws -> ExecutionState {
        do {
            return try ExecutionState(snapshot: try snapshot.document())
        } catch {
            throw WorkflowEngineError.unreadableExecution(id: id, reason: "\(error)")
        }
    }

    /// An interpreter for the execution in `entry`, read field by field (passing the execution itself
    /// copied it out of its box, retaining every field).
    private func makeInterpreter(for entry: ExecutionCache.Entry, in core: EngineCore) throws -> Interpreter {
        let name = entry.execution.machine
        guard let machine = core.machines[name] else { throw WorkflowEngineError.unknownStateMachine(name) }
        return Interpreter(machine: machine, now: clock.now, random: random(id: entry.execution.id, nextEventID: entry.execution.nextEventID))
    }

    private func random(id: String, nextEventID: Int) -> SeededGenerator {
        SeededGenerator(seed: options.seed, stream: id, index: nextEventID)
    }
}

/// The result of ``WorkflowEngine/start(machine:name:input:)``.
public struct StartedExecution: Hashable, Sendable {
    /// The execution, new or existing.
    public let summary: ExecutionSummary
    /// False when the name had been started before and the first execution was returned.
    public let isNew: Bool
}
