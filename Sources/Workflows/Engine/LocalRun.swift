import Determinism
import StatesLanguage

/// Runs one execution to its end on a virtual clock: what `vendingpass workflow run` does.
public enum LocalRun {
    /// Starts (or finds, by name) an execution of `machine` and runs the clock until every timer has
    /// fired, so a Wait of a year returns at once.
    ///
    /// - Returns: the execution's final summary and what the engine did.
    public static func execute(
        machine name: String, definition: StateMachine, input: JSONValue, executionName: String, registry: TaskRegistry,
        store: any WorkflowStore, start: Instant, seed: UInt64
    ) async throws -> (summary: ExecutionSummary, statistics: EngineStatistics) {
        let clock = VirtualClock(start: start)
        var options = WorkflowEngine.Options()
        options.seed = seed
        options.commitPolicy = .batched(events: 10_000)
        let engine = WorkflowEngine(clock: clock, store: store, registry: registry, options: options)
        engine.register(machine: name, definition)
        try engine.resume()
        let started = try engine.start(machine: name, name: executionName, input: input)
        await clock.run()
        try engine.flush()
        guard let summary = try engine.execution(started.summary.id) else { throw WorkflowEngineError.unknownExecution(started.summary.id) }
        return (summary, engine.statistics)
    }
}
