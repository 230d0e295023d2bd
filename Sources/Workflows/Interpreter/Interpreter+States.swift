import Determinism
import JSON
import StatesLanguage

extension Interpreter {
    /// Enters the run's current state and does what the state's type does.
    mutating func enter(runID: Int, in execution: inout ExecutionState) {
        guard let state = execution.runs.read(runID, { self.state(of: $0) }) else { return }
        execution.transitions += 1
        let now = now
        // Changed in place: a run copied out and back retains and releases each of its fields, and its
        // retry counts, shared with the copy, would be reallocated rather than zeroed.
        execution.runs.update(runID) { run in
            run.visits += 1
            run.enteredAt = now
            if run.retries.count == state.retriers.count {
                for index in run.retries.indices { run.retries[index] = 0 }
            } else {
                run.retries = Array(repeating: 0, count: state.retriers.count)
            }
            run.retryCount = 0
        }
        let input = execution.runs.read(runID) { $0.input } ?? .null
        let entered = record(.entered(state.kind), Self.details(name: state.name, "input", input), in: &execution, runID: runID)
        execution.runs.update(runID) { $0.enteredEventID = entered }
        let run = execution.runs[runID]!
        let context: JSONValue =
            switch state.kind {
            case .pass, .choice, .fail: context(execution, run)
            default: .null
            }
        switch state.kind {
        case .pass(let result):
            let output = Self.guarded { () throws(StatesError) in
                let effective = try state.io.effectiveInput(run.input, context: context, random: &random)
                return try state.io.output(input: run.input, result: result ?? effective, context: context, random: &random)
            }
            leave(state, runID: runID, output: output, in: &execution)
        case .choice(let choice):
            choose(choice, state: state, run: run, context: context, in: &execution)
        case .wait(let wait):
            startWait(wait, state: state, run: run, in: &execution)
        case .succeed:
            let output = Self.guarded { () throws(StatesError) in
                try DataFlow.select(state.io.outputPath, from: try DataFlow.select(state.io.inputPath, from: run.input))
            }
            leave(state, runID: runID, output: output, in: &execution)
        case .fail(let fail):
            failWith(fail, state: state, run: run, context: context, in: &execution)
        case .task, .parallel, .map:
            retry(state, runID: runID, in: &execution)
        }
    }

    /// Does the work of a Task, Parallel or Map state: on entry, and again for each retry.
    mutating func retry(_ state: State, runID: Int, in execution: inout ExecutionState) {
        guard let run = execution.runs[runID] else { return }
        let context = context(execution, run)
        let effective: JSONValue
        do {
            effective = try state.io.effectiveInput(run.input, context: context, random: &random)
        } catch {
            failState(state, runID: runID, error: error, in: &execution)
            return
        }
        switch state.kind {
        case .task(let task):
            invoke(task, input: effective, attempt: run.retryCount + 1, runID: runID, in: &execution)
        case .parallel(let parallel):
            startBranches(parallel, state: state, input: effective, runID: runID, in: &execution)
        case .map(let map):
            startMap(map, state: state, input: effective, runID: runID, in: &execution)
        default:
            preconditionFailure("only Task, Parallel and Map states do work that can be retried")
        }
    }

    private mutating func choose(_ choice: ChoiceState, state: State, run: Run, context: JSONValue, in execution: inout ExecutionState) {
        let input: JSONValue
        var next: String?
        do {
            input = try DataFlow.select(state.io.inputPath, from: run.input)
            for (rule, target) in choice.choices where try rule.matches(input: input, context: context) {
                next = target
                break
            }
        } catch {
            failState(state, runID: run.id, error: error, in: &execution)
            return
        }
        guard let target = next ?? choice.defaultNext else {
            failState(state, runID: run.id, error: StatesError(StatesError.noChoiceMatched, cause: "No Choice rule matched the input and there is no Default."), in: &execution)
            return
        }
        do {
            let output = try DataFlow.select(state.io.outputPath, from: input)
            record(.choiceStateExited, Self.details(name: state.name, "output", output), in: &execution, runID: run.id)
            moveOn(run.id, to: target, input: output, in: &execution)
        } catch {
            failState(state, runID: run.id, error: error, in: &execution)
        }
    }

    private mutating func startWait(_ wait: WaitState, state: State, run: Run, in execution: inout ExecutionState) {
        let input: JSONValue
        let due: Instant
        do {
            input = try DataFlow.select(state.io.inputPath, from: run.input)
            due = try waitDeadline(wait, input: input)
        } catch {
            failState(state, runID: run.id, error: error, in: &execution)
            return
        }
        var waiting = run
        waiting.token += 1
        waiting.phase = .waiting(until: due, input: input)
        execution.runs[run.id] = waiting
        actions.append(.scheduleTimer(due: due, runID: run.id, token: waiting.token, kind: .wait))
    }

    private func waitDeadline(_ wait: WaitState, input: JSONValue) throws(StatesError) -> Instant {
        switch wait {
        case .seconds(let seconds):
            return now.advanced(by: .seconds(seconds))
        case .timestamp(let text):
            return Instant(millisecondsSinceEpoch: ASLTimestamp.parse(text)!)
        case .secondsPath(let path):
            let value = try DataFlow.select(.path(path), from: input)
            guard let seconds = value.integerValue else {
                throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: \(path) == \(value.jsonText)")
            }
            guard seconds >= 0 else {
                throw StatesError.runtime("The SecondsPath parameter references a negative value: \(path) == \(value.jsonText)")
            }
            return now.advanced(by: .seconds(seconds))
        case .timestampPath(let path):
            let value = try DataFlow.select(.path(path), from: input)
            guard let milliseconds = value.stringValue.flatMap(ASLTimestamp.parse) else {
                throw StatesError.runtime(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path) == \(value.jsonText)"
                )
            }
            return Instant(millisecondsSinceEpoch: milliseconds)
        }
    }

    private mutating func failWith(_ fail: FailState, state: State, run: Run, context: JSONValue, in execution: inout ExecutionState) {
        func resolve(_ setting: StringSetting?, _ field: String, random: inout SeededGenerator) throws(StatesError) -> String? {
            switch setting {
            case nil: return nil
            case .value(let text)?: return text
            case .path(let path)?:
                let value = try DataFlow.select(.path(path), from: run.input)
                guard let text = value.stringValue else {
                    throw StatesError.runtime("The \(field)Path field of the Fail state references \(value.jsonText), which is not a string")
                }
                return text
            case .intrinsic(let call)?:
                let value = try call.evaluate(input: run.input, context: context, random: &random)
                guard let text = value.stringValue else { throw StatesError.intrinsic("\(call) returned \(value.typeName), not a string") }
                return text
            }
        }
        do {
            let error = try resolve(fail.error, "Error", random: &random)
            let cause = try resolve(fail.cause, "Cause", random: &random)
            finishRun(run.id, result: .failure(StatesError(error ?? "", cause: cause)), in: &execution)
        } catch {
            finishRun(run.id, result: .failure(StatesError(error.name, cause: "An error occurred while executing the state '\(state.name)' (entered at the event id #\(run.enteredEventID)). \(error.cause ?? "")")), in: &execution)
        }
    }
}
