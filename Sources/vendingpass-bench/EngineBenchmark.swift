import Determinism
import Fleet
import Foundation
import JSON
import StatesLanguage
import Storage
import Workflows

/// Vending Pass executions on the virtual clock: executions and state transitions per second, in memory or durable in SQLite.
enum EngineBenchmark {
    /// Where the engine keeps executions: in memory; in a database file as a live service opens it
    /// (a connection pool, fsync at checkpoints); or in a file opened for one run, as replays do.
    enum Mode: String {
        case memory, sqlite
        case oneRun = "sqlite-one-run"
    }

    struct Result {
        let executions: Int
        let transitions: Int
        let seconds: Double
        /// Processor seconds of every thread during the run.
        let processorSeconds: Double
        /// Processor seconds of the busiest threads (the engine's, the writer's, the read-ahead's), largest first.
        let busiestThreads: [Double]
        let commits: Int
        let residentMegabytes: Double
    }

    /// How the executions start: all at once before the clock runs (each execution is then written in
    /// four commits: started, waiting, resumed, finished), or one every virtual millisecond, as purchases
    /// arrive over a day (an execution's start and its task's answer, and its timer and the end, then
    /// share a commit).
    enum Arrivals: String {
        case burst, steady
    }

    /// Starts `executions` Vending Pass executions (mocked tasks that answer at once), runs the virtual
    /// clock until every Wait has fired, and times it.
    static func run(executions: Int, mode: Mode, arrivals: Arrivals, path: String, window: Int, batch: Int) async throws -> Result {
        let definition = try StateMachine.parse(try String(contentsOfFile: "Scenarios/workflows/vending-pass.asl.json", encoding: .utf8))
        var registry = TaskRegistry()
        registry.registerImmediate("CountPoints") { _ in ["points": 1] }
        registry.registerImmediate("UpdateParticipant") { _ in ["points": 1] }
        let inner: any WorkflowStore
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        switch mode {
        case .memory: inner = InMemoryWorkflowStore()
        case .sqlite: inner = SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: true))
        case .oneRun: inner = SQLiteWorkflowStore(file: try DatabaseFile.createForOneRun(at: path))
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
        let processorAtStart = ProcessorTime.seconds()
        let threadsAtStart = ProcessorTime.secondsByThread()
        let start: @Sendable (Int) throws -> Void = { index in
            let id = "e-\(index)"
            try engine.start(machine: "vending-pass", name: id, input: ["id": .string(id), "type": "purchase", "participant": "vp-1"])
        }
        switch arrivals {
        case .burst:
            for index in 0..<executions { try start(index) }
        case .steady:
            let first = clock.now
            clock.spawn {
                for index in 0..<executions {
                    await clock.sleep(until: first.advanced(by: .milliseconds(Int64(index))))
                    try? start(index)
                }
            }
        }
        await clock.run()
        try engine.flush()
        FileHandle.standardError.write(Data("  store calls: \(store.seconds)\n".utf8))
        let elapsed = ContinuousClock.now - started
        let statistics = engine.statistics
        precondition(statistics.executionsSucceeded == executions, "every execution must succeed: \(statistics)")
        return Result(
            executions: executions, transitions: statistics.stateTransitions, seconds: Self.seconds(elapsed),
            processorSeconds: ProcessorTime.seconds() - processorAtStart,
            busiestThreads: ProcessorTime.busiest(from: threadsAtStart, to: ProcessorTime.secondsByThread()), commits: statistics.commits,
            residentMegabytes: ResidentMemory.megabytes()
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The virtual clock alone: jobs spawned and run one at a time, each sleeping `sleeps` times (as a
/// loyalty handler sleeps through each backend call's latency).
enum ClockBenchmark {
    static func run(jobs: Int, sleeps: Int) async -> Double {
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 0))
        let started = ContinuousClock.now
        for index in 0..<jobs {
            clock.spawn {
                for step in 0..<sleeps { await clock.sleep(for: .milliseconds(Int64((index + step) % 100 + 1))) }
            }
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
        registry.registerImmediateFallback { _ in ["points": 1] }
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

/// The SQLite store alone, on synthetic batches shaped like the Vending Pass engine's.
enum StoreBenchmark {
    static func run(executions: Int, path: String) throws -> String {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: true))
        let snapshot = ExecutionSnapshot(compact: Array(repeating: 7, count: 425))
        let details = JSONValue(dictionaryLiteral: ("name", "CountPoints"), ("input", ["id": "e-1", "type": "purchase", "participant": "vp-1", "count": ["points": 1]])).objectValue!
        let started = ContinuousClock.now
        var sequence: Int64 = 0
        for first in stride(from: 0, to: executions, by: 1540) {
            var batch = WorkflowBatch()
            var writer = HistoryChunk.makeWriter()
            for index in first..<min(first + 1540, executions) {
                let id = "arn:aws:states:local:000000000000:execution:vending-pass:e-\(index)"
                let summary = ExecutionSummary(
                    id: id, name: "e-\(index)", machine: "vending-pass", status: .running, input: .null, output: nil, error: nil, cause: nil,
                    startedAt: Instant(millisecondsSinceEpoch: 0), stoppedAt: nil, stateTransitions: 3
                )
                for _ in 0..<3 { batch.executions.append(SavedExecution(summary: summary, needsResume: false, snapshot: snapshot)) }
                let events = (1...14).map { event in
                    HistoryEvent(id: event, previousEventID: event - 1, timestamp: Instant(millisecondsSinceEpoch: 0), type: .taskStateEntered, details: details)
                }
                batch.histories.append(executionID: id, events: events, writer: &writer)
                sequence += 1
                batch.armedTimers.append(TimerEntry(due: Instant(millisecondsSinceEpoch: 90_000), sequence: sequence, executionID: id, runID: 0, token: 1, kind: .wait))
            }
            try store.save(batch)
        }
        let seconds = EngineBenchmark.seconds(ContinuousClock.now - started)
        return String(format: "store: %d executions' rows in %.2f s: %.0f µs per execution", executions, seconds, seconds / Double(executions) * 1e6)
    }
}

/// Resident memory with many executions waiting in a durable Wait.
enum WaitingBenchmark {
    static func run(executions: Int, path: String) async throws -> String {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let definition = try StateMachine.parse(#"{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":3600,"End":true}}}"#)
        let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: true))
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 1_795_507_200_000))
        var options = WorkflowEngine.Options()
        options.commitPolicy = .batched(events: 50_000)
        let engine = WorkflowEngine(clock: clock, store: store, registry: TaskRegistry(), options: options)
        engine.register(machine: "hold", definition)
        try engine.resume()
        let started = ContinuousClock.now
        for index in 0..<executions {
            try engine.start(machine: "hold", name: "x-\(index)", input: ["n": .number(Double(index))])
            if index % 100_000 == 99_999 {
                FileHandle.standardError.write(Data("  \(index + 1) started, \(Int(ResidentMemory.megabytes())) MiB resident\n".utf8))
            }
        }
        await clock.run(until: clock.now.advanced(by: .seconds(60)))
        try engine.flush()
        let seconds = EngineBenchmark.seconds(ContinuousClock.now - started)
        return String(
            format: "waiting: %d executions started and waiting in %.1f s; %.0f MiB resident now, %.0f MiB at peak; %d executions and %d timers in memory",
            executions, seconds, ResidentMemory.megabytes(), ResidentMemory.peakMegabytes(), engine.executionsInMemory, engine.timersInMemory
        )
    }
}

/// Any state machine without Task states, run many times on the virtual clock in memory.
enum DefinitionBenchmark {
    static func run(path: String, executions: Int) async throws -> String {
        let definition = try StateMachine.parse(try String(contentsOfFile: path, encoding: .utf8))
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 1_795_507_200_000))
        var options = WorkflowEngine.Options()
        options.commitPolicy = .batched(events: 50_000)
        let engine = WorkflowEngine(clock: clock, registry: TaskRegistry(), options: options)
        engine.register(machine: "m", definition)
        try engine.resume()
        let input: JSONValue = ["id": "e-000001", "type": "purchase", "participant": "vp-7f3a9c", "amount": 250]
        let started = ContinuousClock.now
        for index in 0..<executions { try engine.start(machine: "m", name: "x-\(index)", input: input) }
        await clock.run()
        try engine.flush()
        let seconds = EngineBenchmark.seconds(ContinuousClock.now - started)
        precondition(engine.statistics.executionsSucceeded == executions, "every execution must succeed")
        return String(format: "%@: %d executions in %.2f s: %.0f executions/s", path, executions, seconds, Double(executions) / seconds)
    }
}

/// `vendingpass generate` to a file: events per second and resident memory.
enum GenerateBenchmark {
    static func run(machines: Int, days: Int, path: String) throws -> String {
        var settings = GeneratorSettings()
        settings.machines = machines
        settings.participants = machines * 50
        settings.days = days
        var generator = TraceGenerator(settings: settings)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return "cannot write \(path)" }
        var sink = FileSink(handle: handle)
        let started = ContinuousClock.now
        var lastDay = -1
        try generator.generate(into: &sink, format: .jsonl) { hours, _ in
            let day = hours / 24
            if day / 30 != lastDay / 30 {
                lastDay = day
                FileHandle.standardError.write(Data("  day \(day): \(Int(ResidentMemory.megabytes())) MiB resident\n".utf8))
            }
        }
        try handle.close()
        let seconds = EngineBenchmark.seconds(ContinuousClock.now - started)
        let events = generator.statistics.events
        let bytes = generator.statistics.bytes
        return String(
            format: "generate: %d machines, %d days: %d events (%.1f GB) in %.1f s: %.0f events/s; %.0f MiB resident at the end, %.0f MiB at peak",
            machines, days, events, Double(bytes) / 1e9, seconds, Double(events) / seconds, ResidentMemory.megabytes(), ResidentMemory.peakMegabytes()
        )
    }
}
