import Determinism
import Foundation
import StatesLanguage
import Storage
import Workflows

/// Vending Pass executions on the virtual clock: executions and state transitions per second, in memory or durable in SQLite.
enum EngineBenchmark {
    struct Result {
        let executions: Int
        let transitions: Int
        let seconds: Double
        let commits: Int
        let residentMegabytes: Double
    }

    /// Starts `executions` Vending Pass executions at once (mocked tasks that answer at once), runs the
    /// virtual clock until every Wait has fired, and times it.
    static func run(executions: Int, durable: Bool, path: String?, window: Int, batch: Int) async throws -> Result {
        let definition = try StateMachine.parse(try String(contentsOfFile: "Scenarios/workflows/vending-pass.asl.json", encoding: .utf8))
        var registry = TaskRegistry()
        registry.register("CountPoints") { _ in ["points": 1] }
        registry.register("UpdateParticipant") { _ in ["points": 1] }
        let inner: any WorkflowStore
        if durable {
            if let path { try? FileManager.default.removeItem(atPath: path) }
            inner = SQLiteWorkflowStore(file: try path.map { try DatabaseFile.open(at: $0, createIfMissing: true) } ?? DatabaseFile.inMemory())
        } else {
            inner = InMemoryWorkflowStore()
        }
        let store = TimedStore(inner)
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 1_795_507_200_000))
        var options = WorkflowEngine.Options()
        options.commitPolicy = .batched(events: batch)
        options.timerWindow = window
        let engine = WorkflowEngine(clock: clock, store: store, registry: registry, options: options)
        engine.register(machine: "vending-pass", definition)
        try engine.resume()
        let started = ContinuousClock.now
        for index in 0..<executions {
            let id = "e-\(index)"
            try engine.start(machine: "vending-pass", name: id, input: ["id": .string(id), "type": "purchase", "participant": "vp-1"])
        }
        let startedAll = ContinuousClock.now - started
        await clock.run()
        try engine.flush()
        FileHandle.standardError.write(Data("  starts took \(startedAll); store calls: \(store.seconds)\n".utf8))
        let elapsed = ContinuousClock.now - started
        let statistics = engine.statistics
        precondition(statistics.executionsSucceeded == executions, "every execution must succeed: \(statistics)")
        return Result(
            executions: executions, transitions: statistics.stateTransitions, seconds: Self.seconds(elapsed), commits: statistics.commits,
            residentMegabytes: ResidentMemory.megabytes()
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The virtual clock alone: jobs spawned and run one at a time, each sleeping once.
enum ClockBenchmark {
    static func run(jobs: Int) async -> Double {
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 0))
        let started = ContinuousClock.now
        for index in 0..<jobs {
            clock.spawn { await clock.sleep(for: .milliseconds(Int64(index % 100))) }
        }
        await clock.run()
        return EngineBenchmark.seconds(ContinuousClock.now - started)
    }
}

/// JSON encoding and decoding alone, on a Vending Pass execution's history and snapshot.
enum JSONBenchmark {
    static func run(iterations: Int) async throws -> String {
        let store = InMemoryWorkflowStore()
        var registry = TaskRegistry()
        registry.registerFallback { _ in ["points": 1] }
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 0))
        let engine = WorkflowEngine(clock: clock, store: store, registry: registry)
        engine.register(machine: "vp", try StateMachine.parse(try String(contentsOfFile: "Scenarios/workflows/vending-pass.asl.json", encoding: .utf8)))
        let started = try engine.start(machine: "vp", name: "e-1", input: ["id": "e-1", "type": "purchase", "participant": "vp-1"])
        await clock.run()
        let history = try engine.history(of: started.summary.id)
        let document = JSONValue.array(history.map { .object($0.details) })
        var bytes = 0
        let encodeStart = ContinuousClock.now
        for _ in 0..<iterations { bytes += document.jsonText.utf8.count }
        let encode = EngineBenchmark.seconds(ContinuousClock.now - encodeStart)
        let text = document.jsonText
        let decodeStart = ContinuousClock.now
        for _ in 0..<iterations { _ = try JSONParser.parse(text) }
        let decode = EngineBenchmark.seconds(ContinuousClock.now - decodeStart)
        return String(format: "json: a %d-byte history encoded in %.1f µs (%.0f MB/s), decoded in %.1f µs", text.utf8.count,
            encode / Double(iterations) * 1e6, Double(bytes) / encode / 1e6, decode / Double(iterations) * 1e6)
    }
}
