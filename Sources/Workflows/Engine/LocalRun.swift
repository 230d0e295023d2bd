import Determinism
import JSON
import StatesLanguage

/// Runs one execution to its end: what `vendingpass workflow run` does.
public enum LocalRun {
    /// Starts (or finds, by name) an execution of `machine`, resuming any unfinished work in `store`,
    /// and returns when it has ended.
    ///
    /// On a `VirtualClock` the clock runs until every timer has fired, so a Wait of a year returns at
    /// once. On a `WallClock` every change is committed before the run goes on, so the process can be
    /// killed at any moment and run again with the same name to finish the execution.
    ///
    /// - Returns: the execution's final summary and what the engine did.
    public static func execute(
        machine name: String, definition: StateMachine, input: JSONValue, executionName: String, registry: TaskRegistry,
        store: any WorkflowStore, clock: any SimulationClock, seed: UInt64
    ) async throws -> (summary: ExecutionSummary, statistics: EngineStatistics) {
        let virtual = clock as? VirtualClock
        var options = WorkflowEngine.Options()
        options.seed = seed
        options.commitPolicy = virtual == nil ? .everyChange : .batched(events: 10_000)
        let (finishes, finished) = AsyncStream.makeStream(of: ExecutionSummary.self)
        let engine = WorkflowEngine(clock: clock, store: store, registry: registry, options: options) { finished.yield($0) }
        engine.register(machine: name, definition)
        try engine.resume()
        let started = try engine.start(machine: name, name: executionName, input: input)
        if let virtual {
            await virtual.run()
        } else if started.summary.status == .running, try engine.execution(started.summary.id)?.status == .running {
            for await summary in finishes where summary.id == started.summary.id { break }
        }
        finished.finish()
        try engine.flush()
        guard let summary = try engine.execution(started.summary.id) else { throw WorkflowEngineError.unknownExecution(started.summary.id) }
        return (summary, engine.statistics)
    }
}
