import Determinism
import Foundation
import LegacyBackend
import Loyalty
import StatesLanguage
import Storage
import Workflows

/// Replays a scenario's trace under one strategy on the virtual clock, lets every timer fire, and
/// compares each member's record with the reference ledger.
public enum Replay {
    /// What a replay needs besides the scenario.
    public struct Options: Sendable {
        public var strategy: Strategy
        public var seed: UInt64
        /// Keep the run in this SQLite file (it must not exist yet), the workflow engine durable in it;
        /// when nil, the backend's state is in an in-memory SQLite database and the engine keeps
        /// executions in memory.
        public var database: String?
        public var cost: CostModel
        /// Called now and then with the events published so far and their total.
        public var progress: @Sendable (Int, Int) -> Void = { _, _ in }
        /// Called once, after the last event was published and every timer fired, with what the replay
        /// does last: merges the shards' databases and compares the records with the truth (seconds for
        /// a large replay).
        public var finishing: @Sendable (_ step: String) -> Void = { _ in }
        /// Shards replayed side by side (see ``ReplayShards``); nil for two when the trace has at least
        /// 1,000 events, one otherwise. The report of a trace depends on its shards only through the
        /// topic's draws of duplicates and delays, which each shard makes for its own events.
        public var shards: Int?

        /// Options for `strategy`, with the scenario's seed and cost settings.
        public init(scenario: Scenario, strategy: Strategy) {
            self.strategy = strategy
            seed = scenario.seed
            cost = CostModel(memoryMegabytes: scenario.lambdaMemoryMegabytes, granularityMilliseconds: scenario.billingGranularityMilliseconds)
        }
    }

    /// Runs the replay and returns its report (``ReplayReport/passed`` is set by ``check(_:against:)``).
    public static func run(_ scenario: Scenario, trace: Trace, options: Options) async throws -> ReplayReport {
        let wallStart = ContinuousClock.now
        if let path = options.database, FileManager.default.fileExists(atPath: path) { throw ReplayError.databaseExists(path: path) }
        let definition = try ReplayWorkflow.load(for: scenario, strategy: options.strategy)
        let shards = ReplayShards.partition(trace.events, count: max(1, options.shards ?? ReplayShards.count(for: trace.events)))
        let files = try ShardFiles(count: shards.count, database: options.database)
        defer { files.removeShards() }
        let start = Instant(millisecondsSinceEpoch: (trace.events.first?.time.millisecondsSinceEpoch ?? 0) - 1_000)
        let progress = ReplayProgress(shards: shards.count, total: trace.events.count, report: options.progress)
        let run: Tally
        let outcome: ReplayOutcome
        do {
            run = try await withThrowingTaskGroup(of: Tally.self) { group in
                for (shard, indices) in shards.enumerated() {
                    let file = files.all[shard]
                    group.addTask {
                        let part = Shard(events: trace.events, indices: indices, count: shards.count) { progress.update(shard: shard, published: $0) }
                        return try await simulate(scenario, definition, shard: part, options: options, file: file, start: start)
                    }
                }
                return try await group.reduce(into: Tally(end: start)) { $0.add($1) }
            }
            options.finishing(files.hasShardsToMerge ? "merging the shards, comparing with the truth" : "comparing with the truth")
            let ledgers = try files.mergeShards().map { BackendLedger(file: $0) }
            outcome = try ReplayOutcome(trace: trace, rules: scenario.rules, ledgers: ledgers)
        } catch {
            files.removeDatabase()
            throw error
        }
        let compute = options.cost.computeCost(requests: run.invocations, billedMilliseconds: run.billedMilliseconds)
        let transitionCost = options.cost.transitionCost(run.transitions)
        let purchases = max(1, trace.events.count { $0.type == .purchase })
        return ReplayReport(
            scenario: scenario.name, strategy: options.strategy.rawValue, seed: options.seed, events: trace.eventLines,
            duplicatesIgnored: trace.duplicateLines + run.redeliveries, purchasesCredited: outcome.purchasesCredited, lostUpdates: outcome.lostUpdates,
            doubleCredits: outcome.doubleCredits, redemptionsWronglyDenied: outcome.redemptionsWronglyDenied, creditLatencySeconds: outcome.latency,
            backendCalls: run.backendCalls, stateTransitions: run.transitions, billedComputeMs: run.billedMilliseconds,
            costUSD: .init(compute: round(compute, 6), transitions: round(transitionCost, 6), total: round(compute + transitionCost, 6)),
            virtualSeconds: round(Double(start.duration(to: run.end).milliseconds) / 1_000, 3),
            wallSeconds: round(Double((ContinuousClock.now - wallStart).milliseconds) / 1_000, 3), passed: true, lostPurchases: outcome.lostPurchases,
            lostReversals: outcome.lostReversals,
            costPerMillionPurchasesUSD: round((compute + transitionCost) / Double(purchases) * 1_000_000, 2), lambdaInvocations: run.invocations,
            abandonedEvents: run.abandonedEvents, failuresRecorded: run.failures, failedExpectations: []
        )
    }

    /// What a replay's run counted; the clock, the engine and the backend that counted it are gone by
    /// the time the outcome is computed, and their memory with them.
    struct Tally {
        var transitions = 0
        var backendCalls = 0
        var invocations = 0
        var billedMilliseconds: Int64 = 0
        var redeliveries = 0
        var abandonedEvents = 0
        var failures = 0
        var end: Instant

        /// Adds another shard's counts; the run ends when its last shard does.
        mutating func add(_ other: Tally) {
            transitions += other.transitions
            backendCalls += other.backendCalls
            invocations += other.invocations
            billedMilliseconds += other.billedMilliseconds
            redeliveries += other.redeliveries
            abandonedEvents += other.abandonedEvents
            failures += other.failures
            end = max(end, other.end)
        }
    }

    /// The part of the trace one shard replays, and where it reports how many events it published.
    struct Shard: Sendable {
        let events: [LoyaltyEvent]
        let indices: [Int]
        /// How many shards replay the trace together.
        let count: Int
        let published: @Sendable (Int) -> Void
    }

    /// Publishes the trace's events on the topic at their times, lets every timer fire and commits.
    private static func simulate(
        _ scenario: Scenario, _ definition: StateMachine?, shard: Shard, options: Options, file: DatabaseFile, start: Instant
    ) async throws -> Tally {
        let clock = VirtualClock(start: start)
        let ledger = BackendLedger(file: file)
        let backend = LegacyBackend(ledger: ledger, clock: clock, settings: scenario.backend, rules: scenario.rules, seed: options.seed)
        let billing = Billing(model: options.cost)
        let failures = Counter()
        let engine = try workflowEngine(
            definition, options: options, shards: shard.count, events: shard.indices.count, file: file, clock: clock, backend: backend, billing: billing, failures: failures
        )
        let mode: LoyaltyHandler.Mode =
            switch options.strategy {
            case .direct: .direct
            case .sleep: .sleep(milliseconds: scenario.waitMilliseconds)
            case .orchestrated, .adaptive: .workflow(engine: engine!, machine: options.strategy.rawValue)
            }
        let handler = LoyaltyHandler(mode: mode, backend: backend, clock: clock, billing: billing)
        let topic = PurchaseTopic(clock: clock, duplicates: scenario.duplicates, reorderWithinMilliseconds: scenario.reorderWithinMilliseconds, seed: options.seed)
        topic.subscribe { await handler.handle($0) }
        clock.spawn {
            for (published, index) in shard.indices.enumerated() {
                let event = shard.events[index]
                await clock.sleep(until: event.time.instant)
                topic.publish(event)
                if published % 1_000 == 999 { shard.published(published + 1) }
            }
            shard.published(shard.indices.count)
        }
        await clock.run()
        try engine?.flush()
        try file.commitGroupedWrites()
        return Tally(
            transitions: engine?.statistics.stateTransitions ?? 0, backendCalls: backend.calls, invocations: billing.invocations,
            billedMilliseconds: billing.billedMilliseconds, redeliveries: topic.redeliveries, abandonedEvents: handler.abandonedEvents,
            failures: failures.count, end: clock.now
        )
    }

    /// Removes the database a replay in this process is writing at `path`, with its shards' files: for a
    /// replay interrupted by a signal, whose own cleanup will not run.
    public static func removeFiles(ofDatabase path: String) {
        ShardFiles.removeAll(database: path)
    }

    /// Checks the reports against the scenario's expectations: each report's ``ReplayReport/passed``
    /// tells whether every expectation about its strategy held. Expectations about a strategy that
    /// was not run are not checked.
    public static func check(_ reports: [ReplayReport], against expectations: [Expectation]) -> [ReplayReport] {
        let byStrategy = Dictionary(reports.map { ($0.strategy, $0) }, uniquingKeysWith: { first, _ in first })
        return reports.map { report in
            var checked = report
            for expectation in expectations where expectation.strategy.rawValue == report.strategy {
                guard var value = report.value(of: expectation.metric) else { continue }
                if let other = expectation.ratioTo {
                    guard let denominator = byStrategy[other.rawValue]?.value(of: expectation.metric) else { continue }
                    value = denominator == 0 ? .infinity : value / denominator
                }
                if !expectation.holds(for: value) {
                    checked.passed = false
                    checked.failedExpectations.append("\(expectation) (line \(expectation.line)): was \(Expectation.format((value * 1_000).rounded() / 1_000))")
                }
            }
            return checked
        }
    }

    private static func workflowEngine(
        _ definition: StateMachine?, options: Options, shards: Int, events: Int, file: DatabaseFile, clock: VirtualClock, backend: LegacyBackend,
        billing: Billing, failures: Counter
    ) throws -> WorkflowEngine? {
        guard let definition else { return nil }
        var engineOptions = WorkflowEngine.Options()
        engineOptions.seed = options.seed
        engineOptions.commitPolicy = .batched(events: 50_000 / shards)
        engineOptions.cachedExecutions = Self.cachedExecutions / shards
        engineOptions.timerWindow /= shards
        engineOptions.expectedExecutions = events
        let registry = BackendTasks.registry(backend: backend, clock: clock, billing: billing, failures: failures)
        let store: any WorkflowStore = options.database == nil ? InMemoryWorkflowStore() : SQLiteWorkflowStore(file: file)
        let engine = WorkflowEngine(clock: clock, store: store, registry: registry, options: engineOptions)
        engine.register(machine: options.strategy.rawValue, definition)
        try engine.resume()
        return engine
    }

    /// Executions a replay's engines keep in memory once saved, between them. Purchases arrive a few a
    /// second over a fleet's day, so a few hundred executions are waiting at any time; the rest of
    /// the cache would hold finished executions, which a replay reads again only for a duplicate
    /// delivery (it finds them in the store).
    static let cachedExecutions = 4_000

    static func round(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
