import Determinism
import JSON
import StatesLanguage

extension Interpreter {
    /// Schedules the task and asks the engine to invoke its handler, with its timeout and heartbeat timers.
    mutating func invoke(_ task: TaskState, input: JSONValue, attempt: Int, runID: Int, in execution: inout ExecutionState) {
        guard let (state, runInput) = execution.runs.read(runID, { (self.state(of: $0), $0.input) }) else { return }
        let timeout: Int
        let heartbeat: Int?
        do {
            timeout = try seconds(task.timeout, input: runInput) ?? 60
            heartbeat = try seconds(task.heartbeat, input: runInput)
        } catch {
            failState(state, runID: runID, error: error, in: &execution)
            return
        }
        let now = now
        var token = 0
        var visits = 0
        var scope = ""
        execution.runs.update(runID) { run in
            run.token += 1
            run.phase = .task(input: input, attempt: attempt, lastHeartbeat: now)
            token = run.token
            visits = run.visits
            scope = run.scope
        }
        record(
            .taskScheduled, .taskScheduled(resource: task.resource, parameters: input, timeoutSeconds: timeout, heartbeatSeconds: heartbeat),
            in: &execution, runID: runID
        )
        record(.taskStarted, Self.details("resource", .string(task.resource)), in: &execution, runID: runID)
        let key = ContextObject.joined(execution.id, "/" + scope + "/", state.name, "/\(visits)")
        let invocation = TaskInvocation(
            resource: task.resource, input: input, idempotencyKey: key, executionID: execution.id, stateName: state.name, attempt: attempt
        )
        actions.append(.invokeTask(TaskCall(runID: runID, token: token, invocation: invocation)))
        actions.append(.scheduleTimer(due: now.advanced(by: .seconds(timeout)), runID: runID, token: token, kind: .taskTimeout))
        if let heartbeat {
            actions.append(.scheduleTimer(due: now.advanced(by: .seconds(heartbeat)), runID: runID, token: token, kind: .heartbeat))
        }
    }

    /// Records a task's result and leaves the state, or handles its error.
    mutating func taskCompleted(_ runID: Int, result: Result<JSONValue, StatesError>, in execution: inout ExecutionState) {
        guard let (state, runInput) = execution.runs.read(runID, { (self.state(of: $0), $0.input) }), case .task(let task) = state.kind else { return }
        execution.runs.update(runID) { $0.token += 1 }
        switch result {
        case .success(let value):
            record(.taskSucceeded, .two("resource", .string(task.resource), "output", value), in: &execution, runID: runID)
            let context = state.resultReadsContext ? execution.runs[runID].map { resultContext(execution, $0) } ?? .null : .null
            let output = Self.guarded { () throws(StatesError) in
                try state.io.output(input: runInput, result: value, context: context, random: &random)
            }
            leave(state, runID: runID, output: output, in: &execution)
        case .failure(let error):
            record(.taskFailed, Self.failureDetails(task, error), in: &execution, runID: runID)
            failState(state, runID: runID, error: error, in: &execution)
        }
    }

    /// A task ran out of time: its late result will be ignored.
    mutating func taskTimedOut(_ state: State, runID: Int, error: StatesError, in execution: inout ExecutionState) {
        guard case .task(let task) = state.kind else { return }
        execution.runs.update(runID) { $0.token += 1 }
        record(.taskTimedOut, Self.failureDetails(task, error), in: &execution, runID: runID)
        failState(state, runID: runID, error: error, in: &execution)
    }

    /// A task's failure as Step Functions records it: the resource, the error and its cause if any.
    private static func failureDetails(_ task: TaskState, _ error: StatesError) -> HistoryDetails {
        var details = JSONObject(uniqueMembers: [("resource", .string(task.resource)), ("error", .string(error.name))])
        if let cause = error.cause { details["cause"] = .string(cause) }
        return .object(details)
    }

    private func seconds(_ setting: SecondsSetting?, input: JSONValue) throws(StatesError) -> Int? {
        switch setting {
        case nil: return nil
        case .seconds(let seconds)?: return seconds
        case .path(let path)?:
            let value = try DataFlow.select(.path(path), from: input)
            guard let seconds = value.integerValue, seconds > 0 else {
                throw StatesError.runtime("The path \(path) must reference a positive integer number of seconds, not \(value.jsonText)")
            }
            return seconds
        }
    }
}
