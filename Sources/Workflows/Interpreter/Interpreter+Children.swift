import Determinism
import JSON
import StatesLanguage

extension Interpreter {
    /// Starts one child run per branch of a Parallel state.
    mutating func startBranches(_ parallel: ParallelState, state: State, input: JSONValue, runID: Int, in execution: inout ExecutionState) {
        guard var run = execution.runs[runID] else { return }
        let started = record(.parallelStateStarted, .object(JSONObject()), in: &execution, runID: runID)
        let count = parallel.branches.count
        run = execution.runs[runID]!
        run.token += 1
        var children = Run.Children(input: input, items: [], results: Array(repeating: nil, count: count))
        children.started = count
        children.running = count
        run.phase = .children(children)
        execution.runs[runID] = run
        for (index, branch) in parallel.branches.enumerated() {
            _ = newRun(
                in: &execution, parent: runID, slot: index, scope: run.scope + "/\(state.name)#\(index)", state: branch.startAt, input: input,
                lastEventID: started
            )
        }
    }

    /// Selects a Map state's items and starts the first iterations, up to MaxConcurrency.
    mutating func startMap(_ map: MapState, state: State, input: JSONValue, runID: Int, in execution: inout ExecutionState) {
        guard var run = execution.runs[runID] else { return }
        let items: [JSONValue]
        var children = Run.Children(input: input, items: [], results: [])
        do throws(StatesError) {
            let selected = try DataFlow.select(map.itemsPath, from: input)
            guard case .array(let elements) = selected else {
                throw StatesError.runtime("Invalid path '\(Self.text(map.itemsPath))': the Map state's ItemsPath must reference an array, not \(selected.typeName)")
            }
            items = elements
            children.maxConcurrency = try count(map.maxConcurrency, input: run.input) ?? 0
            let percentage = try count(map.toleratedFailurePercentage, input: run.input)
            let tolerated = try count(map.toleratedFailureCount, input: run.input)
            children.hasTolerance = percentage != nil || tolerated != nil
            var allowed = Int.max
            if let tolerated { allowed = min(allowed, tolerated) }
            if let percentage { allowed = min(allowed, items.count * percentage / 100) }
            children.tolerated = children.hasTolerance ? allowed : 0
            for (index, item) in items.enumerated() {
                guard let selector = map.itemSelector else {
                    children.items.append(item)
                    continue
                }
                let mapItem: JSONValue = ["Index": .number(Double(index)), "Value": item]
                let itemContext = context(execution, run, mapItem: mapItem)
                children.items.append(try selector.evaluate(input: input, context: itemContext, random: &random))
            }
        } catch {
            failState(state, runID: runID, error: error, in: &execution)
            return
        }
        children.results = Array(repeating: nil, count: items.count)
        record(.mapStateStarted, Self.details("length", .number(Double(items.count))), in: &execution, runID: runID)
        run = execution.runs[runID]!
        run.token += 1
        run.phase = .children(children)
        execution.runs[runID] = run
        if items.isEmpty {
            completeChildren(runID, in: &execution)
        } else {
            startIterations(runID, in: &execution)
        }
    }

    private mutating func startIterations(_ runID: Int, in execution: inout ExecutionState) {
        guard var run = execution.runs[runID], case .children(var children) = run.phase else { return }
        let state = state(of: run)
        guard case .map(let map) = state.kind else { return }
        let limit = children.maxConcurrency == 0 ? Int.max : children.maxConcurrency
        while children.started < children.items.count, children.running < limit {
            let index = children.started
            children.started += 1
            children.running += 1
            run.phase = .children(children)
            execution.runs[runID] = run
            var details = JSONObject()
            details["name"] = .string(state.name)
            details["index"] = .number(Double(index))
            let started = record(.mapIterationStarted, .object(details), in: &execution, runID: runID)
            _ = newRun(
                in: &execution, parent: runID, slot: index, scope: run.scope + "/\(state.name)#0", state: map.processor.startAt,
                input: children.items[index], lastEventID: started
            )
            run = execution.runs[runID]!
        }
    }

    /// A branch or iteration ended: record its result, start more iterations, or finish or fail the state.
    mutating func childFinished(parentID: Int, slot: Int, result: Result<JSONValue, StatesError>, lastEventID: Int, in execution: inout ExecutionState) {
        guard var parent = execution.runs[parentID], case .children(var children) = parent.phase else { return }
        let state = state(of: parent)
        let isMap = { if case .map = state.kind { true } else { false } }()
        children.running -= 1
        children.completed += 1
        var details = JSONObject()
        details["name"] = .string(state.name)
        details["index"] = .number(Double(slot))
        switch result {
        case .success(let output):
            children.results[slot] = output
            if isMap { record(.mapIterationSucceeded, .object(details), in: &execution, runID: parentID) }
        case .failure(let error):
            children.failures += 1
            children.firstError = children.firstError ?? error
            children.results[slot] = error.output
            if isMap { record(.mapIterationFailed, .object(details), in: &execution, runID: parentID) }
        }
        parent = execution.runs[parentID]!
        parent.phase = .children(children)
        execution.runs[parentID] = parent
        if children.failures > children.tolerated, let firstError = children.firstError {
            abortChildren(of: parentID, in: &execution)
            record(isMap ? .mapStateFailed : .parallelStateFailed, .object(JSONObject()), in: &execution, runID: parentID)
            let error = children.hasTolerance
                ? StatesError(StatesError.exceedToleratedFailureThreshold, cause: "The Map state's failed items exceeded its tolerated failures.")
                : firstError
            failState(state, runID: parentID, error: error, in: &execution)
            return
        }
        if children.completed == (isMap ? children.items.count : children.results.count) {
            completeChildren(parentID, in: &execution)
        } else if isMap {
            startIterations(parentID, in: &execution)
        }
    }

    private mutating func completeChildren(_ runID: Int, in execution: inout ExecutionState) {
        guard let run = execution.runs[runID], case .children(let children) = run.phase else { return }
        let state = state(of: run)
        let isMap = { if case .map = state.kind { true } else { false } }()
        record(isMap ? .mapStateSucceeded : .parallelStateSucceeded, .object(JSONObject()), in: &execution, runID: runID)
        let results = JSONValue.array(children.results.map { $0 ?? .null })
        let context = resultContext(execution, run)
        let output = Self.guarded { () throws(StatesError) in
            try state.io.output(input: run.input, result: results, context: context, random: &random)
        }
        leave(state, runID: runID, output: output, in: &execution)
    }

    private func count(_ setting: CountSetting?, input: JSONValue) throws(StatesError) -> Int? {
        switch setting {
        case nil: return nil
        case .value(let value)?: return Int(value)
        case .path(let path)?:
            let value = try DataFlow.select(.path(path), from: input)
            guard let number = value.numberValue, number >= 0 else {
                throw StatesError.runtime("The path \(path) must reference a non-negative number, not \(value.jsonText)")
            }
            return Int(number)
        }
    }

    private static func text(_ path: DataPath) -> String {
        if case .path(let path) = path { path.text } else { "null" }
    }
}
