import Determinism
import JSON
import StatesLanguage

/// Steps one execution through its state machine: pure, with no I/O and no clock of its own.
///
/// Given a signal (start, timer due, task result), it updates the ``ExecutionState``, appends history
/// events to the execution's unsaved events (where the next commit takes them, with no copy between)
/// and returns the actions the engine must perform: invoke a task, arm a timer. Runs (the root,
/// Parallel branches, Map iterations) are advanced in first-in, first-out order, so one input always
/// gives one history.
struct Interpreter {
    let machine: StateMachine
    let now: Instant
    var random: SeededGenerator
    var actions: [EngineAction] = []
    /// How many history events this interpreter recorded.
    private(set) var recordedEvents = 0
    /// Whether it recorded the execution's end (succeeded, failed or timed out).
    private(set) var endedExecution = false
    private var ready: [Int] = []

    init(machine: StateMachine, now: Instant, random: SeededGenerator) {
        self.machine = machine
        self.now = now
        self.random = random
    }

    /// Starts a new execution at the machine's StartAt.
    mutating func start(_ execution: inout ExecutionState) {
        let started = record(.executionStarted, .two("input", execution.input, "roleArn", .string(ContextObject.roleARN)), in: &execution, previous: 0)
        let root = newRun(in: &execution, parent: nil, slot: 0, scope: "", state: machine.startAt, input: execution.input, lastEventID: started)
        if let timeout = machine.timeoutSeconds {
            actions.append(.scheduleTimer(due: now.advanced(by: .seconds(timeout)), runID: root, token: 0, kind: .executionTimeout))
        }
        drain(&execution)
    }

    /// Applies a signal to a running execution; stale timers and late task results change nothing.
    mutating func handle(_ signal: EngineSignal, in execution: inout ExecutionState) {
        guard execution.status == .running else { return }
        switch signal {
        case .timerFired(let timer):
            timerFired(timer, in: &execution)
        case .taskCompleted(let runID, let token, let result):
            let isAwaited = execution.runs.read(runID) { run in
                if case .task = run.phase { run.token == token } else { false }
            }
            guard isAwaited == true else { return }
            taskCompleted(runID, result: result, in: &execution)
        case .heartbeat(let runID, let token):
            guard var run = execution.runs[runID], run.token == token, case .task(let input, let attempt, _) = run.phase else { return }
            run.phase = .task(input: input, attempt: attempt, lastHeartbeat: now)
            execution.runs[runID] = run
        }
        drain(&execution)
    }

    /// Re-issues the work of runs that were in flight when the process stopped: a task is invoked
    /// again (at least once), a run about to enter a state enters it.
    mutating func resume(_ execution: inout ExecutionState) {
        guard execution.status == .running else { return }
        for id in execution.runs.keys.sorted() {
            guard let run = execution.runs[id] else { continue }
            switch run.phase {
            case .ready: ready.append(id)
            case .task(let input, let attempt, _):
                if case .task(let task) = state(of: run).kind { invoke(task, input: input, attempt: attempt, runID: id, in: &execution) }
            default: break
            }
        }
        drain(&execution)
    }

    private mutating func timerFired(_ timer: TimerEntry, in execution: inout ExecutionState) {
        if timer.kind == .executionTimeout {
            endExecution(&execution, failure: StatesError(StatesError.timeout, cause: "The execution ran longer than its TimeoutSeconds."), timedOut: true)
            return
        }
        guard let run = execution.runs[timer.runID], run.token == timer.token else { return }
        let state = state(of: run)
        switch (timer.kind, run.phase) {
        case (.wait, .waiting(_, let input)):
            leave(state, runID: run.id, output: Self.guarded { () throws(StatesError) in try DataFlow.select(state.io.outputPath, from: input) }, in: &execution)
        case (.retry, .retrying):
            retry(state, runID: run.id, in: &execution)
        case (.taskTimeout, .task):
            taskTimedOut(state, runID: run.id, error: StatesError(StatesError.timeout, cause: "The task did not finish within its TimeoutSeconds."), in: &execution)
        case (.heartbeat, .task(_, _, let lastHeartbeat)):
            guard case .task(let task) = state.kind, let beat = Self.fixedSeconds(task.heartbeat) else { return }
            let due = lastHeartbeat.advanced(by: .seconds(beat))
            if due <= now {
                taskTimedOut(state, runID: run.id, error: StatesError(StatesError.heartbeatTimeout, cause: "The task sent no heartbeat for \(beat) seconds."), in: &execution)
            } else {
                actions.append(.scheduleTimer(due: due, runID: run.id, token: run.token, kind: .heartbeat))
            }
        default:
            break
        }
    }

    /// Runs every ready run until each blocks or ends.
    private mutating func drain(_ execution: inout ExecutionState) {
        while !ready.isEmpty, execution.status == .running {
            let id = ready.removeFirst()
            guard let run = execution.runs[id], case .ready = run.phase else { continue }
            enter(runID: id, in: &execution)
        }
    }

    // MARK: - Shared steps

    func machine(for scope: String) -> StateMachine {
        guard !scope.isEmpty else { return machine }
        var current = machine
        for part in scope.split(separator: "/") {
            let pieces = part.split(separator: "#")
            let state = current.states[String(pieces[0])]!
            switch state.kind {
            case .parallel(let parallel): current = parallel.branches[Int(pieces[1])!]
            case .map(let map): current = map.processor
            default: preconditionFailure("scope \(scope) does not name a Parallel or Map state")
            }
        }
        return current
    }

    func state(of run: Run) -> State {
        // The root's states are read in place: `machine(for:)` returns a copy of the machine, retaining its fields.
        run.scope.isEmpty ? machine.states[run.state]! : machine(for: run.scope).states[run.state]!
    }

    /// The context object for the run's current state, or null when the state never reads it.
    func context(_ execution: ExecutionState, _ run: Run, mapItem: JSONValue? = nil, taskToken: String? = nil) -> JSONValue {
        let sections = state(of: run).contextSections.union(mapItem == nil ? [] : .map)
        guard !sections.isEmpty else { return .null }
        return ContextObject.build(execution: execution, run: run, now: now, sections: sections, taskToken: taskToken, mapItem: mapItem)
    }

    /// The context object for making the run's output from a result, or null when that does not read it.
    func resultContext(_ execution: ExecutionState, _ run: Run) -> JSONValue {
        let sections = state(of: run).resultContextSections
        guard !sections.isEmpty else { return .null }
        return ContextObject.build(execution: execution, run: run, now: now, sections: sections)
    }

    @discardableResult
    mutating func record(_ type: HistoryEventType, _ details: HistoryDetails, in execution: inout ExecutionState, previous: Int) -> Int {
        let id = execution.nextEventID
        execution.nextEventID += 1
        execution.unsavedEvents.append(HistoryEvent(id: id, previousEventID: previous, timestamp: now, type: type, recorded: details))
        recordedEvents += 1
        if type == .executionSucceeded || type == .executionFailed || type == .executionTimedOut { endedExecution = true }
        return id
    }

    /// Records an event on a run's own thread of history.
    @discardableResult
    mutating func record(_ type: HistoryEventType, _ details: HistoryDetails, in execution: inout ExecutionState, runID: Int) -> Int {
        let previous = execution.runs.read(runID) { $0.lastEventID } ?? 0
        let id = record(type, details, in: &execution, previous: previous)
        execution.runs.update(runID) { $0.lastEventID = id }
        return id
    }

    mutating func newRun(in execution: inout ExecutionState, parent: Int?, slot: Int, scope: String, state: String, input: JSONValue, lastEventID: Int) -> Int {
        let id = execution.nextRunID
        execution.nextRunID += 1
        execution.runs[id] = Run(id: id, parent: parent, slot: slot, scope: scope, state: state, input: input, phase: .ready, enteredAt: now, lastEventID: lastEventID)
        ready.append(id)
        return id
    }

    /// Leaves `state` with `output` (or fails the run with the error computing it) and follows its transition.
    mutating func leave(_ state: State, runID: Int, output: Result<JSONValue, StatesError>, in execution: inout ExecutionState) {
        let value: JSONValue
        switch output {
        case .success(let success): value = success
        case .failure(let error):
            failState(state, runID: runID, error: error, in: &execution)
            return
        }
        if let exited = HistoryEventType.exited(state.kind) {
            record(exited, Self.details(name: state.name, "output", value), in: &execution, runID: runID)
        }
        switch state.transition {
        case .next(let next)?:
            moveOn(runID, to: next, input: value, in: &execution)
        case .end?, nil:
            finishRun(runID, result: .success(value), in: &execution)
        }
    }

    mutating func moveOn(_ runID: Int, to next: String, input: JSONValue, in execution: inout ExecutionState) {
        execution.runs.update(runID) { run in
            run.state = next
            run.input = input
            run.phase = .ready
        }
        ready.append(runID)
    }

    /// An error raised by the state itself: retried or caught where the state allows, otherwise the run fails.
    mutating func failState(_ state: State, runID: Int, error: StatesError, in execution: inout ExecutionState) {
        guard let run = execution.runs[runID] else { return }
        let located = Self.isDataError(error) ? StatesError(error.name, cause: "An error occurred while executing the state '\(state.name)' (entered at the event id #\(run.enteredEventID)). \(error.cause ?? "")") : error
        for (index, retrier) in state.retriers.enumerated() where ErrorMatcher.matches(retrier.errorEquals, located.name) {
            guard run.retries.indices.contains(index), run.retries[index] < retrier.maxAttempts else { break }
            scheduleRetry(retrier, index: index, runID: runID, in: &execution)
            return
        }
        if let catcher = state.catchers.first(where: { ErrorMatcher.matches($0.errorEquals, located.name) }) {
            do {
                let output = try DataFlow.place(located.output, at: catcher.resultPath, in: run.input)
                if let exited = HistoryEventType.exited(state.kind) {
                    record(exited, Self.details(name: state.name, "output", output), in: &execution, runID: runID)
                }
                moveOn(runID, to: catcher.next, input: output, in: &execution)
            } catch {
                finishRun(runID, result: .failure(error), in: &execution)
            }
            return
        }
        finishRun(runID, result: .failure(located), in: &execution)
    }

    private mutating func scheduleRetry(_ retrier: Retrier, index: Int, runID: Int, in execution: inout ExecutionState) {
        guard var run = execution.runs[runID] else { return }
        var seconds = retrier.delay(forAttempt: run.retries[index])
        if retrier.jitter == .full { seconds = Double.random(in: 0...seconds, using: &random) }
        run.retries[index] += 1
        run.retryCount += 1
        run.token += 1
        let due = now.advanced(by: .milliseconds(Int64((seconds * 1000).rounded())))
        run.phase = .retrying(until: due)
        execution.runs[runID] = run
        actions.append(.scheduleTimer(due: due, runID: runID, token: run.token, kind: .retry))
    }

    /// Ends a run: the root ends the execution; a child reports to its Parallel or Map state.
    mutating func finishRun(_ runID: Int, result: Result<JSONValue, StatesError>, in execution: inout ExecutionState) {
        guard let run = execution.runs.removeValue(forKey: runID) else { return }
        guard let parentID = run.parent else {
            switch result {
            case .success(let output): endExecution(&execution, output: output)
            case .failure(let error): endExecution(&execution, failure: error, timedOut: false)
            }
            return
        }
        childFinished(parentID: parentID, slot: run.slot, result: result, lastEventID: run.lastEventID, in: &execution)
    }

    mutating func endExecution(_ execution: inout ExecutionState, output: JSONValue) {
        execution.status = .succeeded
        execution.output = output
        execution.stoppedAt = now
        record(.executionSucceeded, Self.details("output", output), in: &execution, previous: execution.nextEventID - 1)
        execution.runs.removeAll()
    }

    mutating func endExecution(_ execution: inout ExecutionState, failure: StatesError, timedOut: Bool) {
        execution.status = timedOut ? .timedOut : .failed
        execution.error = failure.name
        execution.cause = failure.cause
        execution.stoppedAt = now
        var details = JSONObject()
        details["error"] = .string(failure.name)
        if let cause = failure.cause { details["cause"] = .string(cause) }
        record(timedOut ? .executionTimedOut : .executionFailed, .object(details), in: &execution, previous: execution.nextEventID - 1)
        execution.runs.removeAll()
    }

    /// Removes a run and every run below it (the other branches of a failed Parallel, say).
    mutating func abortChildren(of parentID: Int, in execution: inout ExecutionState) {
        for child in execution.runs.values.filter({ $0.parent == parentID }).map(\.id).sorted() {
            abortChildren(of: child, in: &execution)
            execution.runs.removeValue(forKey: child)
        }
    }

    static func details(name: String? = nil, _ key: String, _ value: JSONValue) -> HistoryDetails {
        name.map { .two("name", .string($0), key, value) } ?? .one(key, value)
    }

    /// Errors found in a state's data rather than raised by its work; their cause names the state.
    static func isDataError(_ error: StatesError) -> Bool {
        [StatesError.runtime, StatesError.intrinsicFailure, StatesError.resultPathMatchFailure, StatesError.parameterPathFailure].contains(error.name)
    }

    static func guarded(_ body: () throws(StatesError) -> JSONValue) -> Result<JSONValue, StatesError> {
        do {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }

    static func fixedSeconds(_ setting: SecondsSetting?) -> Int? {
        if case .seconds(let seconds)? = setting { seconds } else { nil }
    }
}
