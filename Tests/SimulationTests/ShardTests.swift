import Foundation
import Simulation
import Storage
import TestSupport
import Testing

/// A replay split into shards, one per core, must report what it would in one piece and leave one database.
@Suite struct ShardTests {
    /// A generated day with refunds, redemptions and anonymous purchases, backend failures, and a topic
    /// that neither duplicates nor delays: then no draw depends on how the trace is split.
    static func scenario(in directory: TemporaryDirectory, delivery: String = "{duplicates: 0, reorderWithin: 0s}") throws -> Scenario {
        let workflows = ProjectPaths.file("Scenarios/workflows")
        let yaml = """
            name: shards
            seed: 5
            generate: {machines: 30, participants: 120, days: 1}
            delivery: \(delivery)
            backend:
              settle: {min: 5s, max: 80s}
              latency: {min: 40ms, max: 300ms}
              failures: 0.05
            workflow: \(workflows)/vending-pass.asl.json
            adaptiveWorkflow: \(workflows)/adaptive.asl.json
            """
        return try Scenario.load(from: try directory.write(yaml, to: "shards.yaml"))
    }

    static func run(_ scenario: Scenario, _ strategy: Strategy, shards: Int, database: String? = nil) async throws -> ReplayReport {
        var options = Replay.Options(scenario: scenario, strategy: strategy)
        options.shards = shards
        options.database = database
        return try await Replay.run(scenario, trace: try ReplaySource.trace(of: scenario), options: options)
    }

    /// The report as JSON without `wallSeconds`, the one field measured rather than simulated.
    static func simulated(_ report: ReplayReport) throws -> String {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any] ?? [:]
        return String(decoding: try JSONSerialization.data(withJSONObject: object.filter { $0.key != "wallSeconds" }, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(arguments: Strategy.allCases)
    func threeShardsReportWhatOnePieceDoes(_ strategy: Strategy) async throws {
        let directory = try TemporaryDirectory()
        let scenario = try Self.scenario(in: directory)
        let whole = try await Self.run(scenario, strategy, shards: 1)
        let split = try await Self.run(scenario, strategy, shards: 3)
        #expect(whole.purchasesCredited > 100)
        #expect(whole.backendCalls > 200)
        #expect(try Self.simulated(split) == Self.simulated(whole))
    }

    @Test func progressReachesEveryEventBeforeTheLastStepIsNamedOnce() async throws {
        let directory = try TemporaryDirectory()
        let scenario = try Self.scenario(in: directory)
        let trace = try ReplaySource.trace(of: scenario)
        let told = Locked<[String]>([])
        var options = Replay.Options(scenario: scenario, strategy: .orchestrated)
        options.shards = 2
        options.database = directory.file("run.sqlite")
        options.progress = { done, total in told.withLock { $0.append("\(done)/\(total)") } }
        options.finishing = { step in told.withLock { $0.append(step) } }
        _ = try await Replay.run(scenario, trace: trace, options: options)
        let steps = told.withLock { $0 }
        #expect(steps.last == "merging the shards, comparing with the truth")
        #expect(steps.dropLast().last == "\(trace.events.count)/\(trace.events.count)")
        #expect(steps.filter { !$0.contains("/") }.count == 1)

        options.database = nil
        told.withLock { $0 = [] }
        _ = try await Replay.run(scenario, trace: trace, options: options)
        #expect(told.withLock { $0.last } == "comparing with the truth", "in memory, nothing is merged")
    }

    @Test func shardsDrawDuplicatesAndDelaysTheSameWayEveryRun() async throws {
        let directory = try TemporaryDirectory()
        let scenario = try Self.scenario(in: directory, delivery: "{duplicates: 0.3, reorderWithin: 30s}")
        let first = try await Self.run(scenario, .orchestrated, shards: 2)
        let second = try await Self.run(scenario, .orchestrated, shards: 2)
        #expect(first.duplicatesIgnored > 0)
        #expect(first.lostUpdates == 0 && first.doubleCredits == 0)
        #expect(try Self.simulated(first) == Self.simulated(second))
    }

    @Test func aShardedReplayLeavesOneDatabaseWithEveryMemberAndExecution() async throws {
        let directory = try TemporaryDirectory()
        let scenario = try Self.scenario(in: directory)
        let whole = directory.file("whole.sqlite")
        let split = directory.file("split.sqlite")
        _ = try await Self.run(scenario, .orchestrated, shards: 1, database: whole)
        _ = try await Self.run(scenario, .orchestrated, shards: 2, database: split)
        let header = try #require(FileHandle(forReadingAtPath: split)).readData(ofLength: 20)
        #expect(header.count == 20 && header[18] == 2 && header[19] == 2, "the merge, which runs without a journal, leaves the file in WAL mode")

        let wholeDatabase = VendingDatabase(file: try DatabaseFile.open(at: whole, createIfMissing: false))
        let splitDatabase = VendingDatabase(file: try DatabaseFile.open(at: split, createIfMissing: false))
        let members = try wholeDatabase.members()
        #expect(members.count > 50)
        #expect(try splitDatabase.members() == members)
        for member in members {
            #expect(try splitDatabase.history(of: member.participant) == wholeDatabase.history(of: member.participant), "\(member.participant)")
        }

        let wholeStore = SQLiteWorkflowStore(file: try DatabaseFile.open(at: whole, createIfMissing: false))
        let splitStore = SQLiteWorkflowStore(file: try DatabaseFile.open(at: split, createIfMissing: false))
        let executions = try wholeStore.executions(limit: 100_000)
        #expect(executions.count > 100)
        #expect(try splitStore.executions(limit: 100_000).map(\.id).sorted() == executions.map(\.id).sorted())
        for execution in executions {
            #expect(try splitStore.history(of: execution.id) == wholeStore.history(of: execution.id), "\(execution.id)")
        }

        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".shard") }
        #expect(left.isEmpty, "the shards' files are merged and removed")
    }
}
