import Determinism
import GRDB
import JSON
import StatesLanguage
import Storage
import TestSupport
import Testing
import Workflows

@Suite struct DurableEngineTests {
    /// A process killed during the 90-second Wait: a second engine on the same file finishes the execution, once.
    @Test func aCrashDuringAWaitResumesAndFinishesOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("engine.sqlite")

        // Given an execution 30 seconds into its Wait, and a process that then dies
        let before = try EngineFixture(
            definition: EngineFixture.vendingPass, machine: "vending-pass", store: SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: true))
        )
        let started = try before.engine.start(machine: "vending-pass", name: "e-000001", input: EngineFixture.purchase)
        await before.clock.run(until: EngineFixture.start.advanced(by: .seconds(30)))
        #expect(before.calls(to: "CountPoints").count == 1)

        // When a new engine opens the same file and resumes
        let after = try EngineFixture(
            definition: EngineFixture.vendingPass, machine: "vending-pass", store: SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: false)),
            start: EngineFixture.start.advanced(by: .seconds(30))
        )
        await after.clock.run()

        // Then the execution finished once, after its full Wait
        let summary = try #require(try after.engine.execution(started.summary.id))
        #expect(summary.status == .succeeded)
        #expect(after.calls(to: "CountPoints").isEmpty)
        #expect(after.calls(to: "UpdateParticipant").count == 1)
        #expect(EngineFixture.seconds(after.calls(to: "UpdateParticipant")[0].at) == 90)
        let history = try after.engine.history(of: started.summary.id)
        #expect(history.filter { $0.type == .executionSucceeded }.count == 1)
        #expect(history.map(\.id) == Array(1...history.count))
    }

    /// A task in flight at the crash runs again, with the same idempotency key.
    @Test func aTaskInFlightAtTheCrashRunsAgainWithItsKey() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("engine.sqlite")
        let slowCount: [String: @Sendable (TaskInvocation, VirtualClock) async throws -> JSONValue] = [
            "CountPoints": { _, clock in
                await clock.sleep(for: .seconds(10))
                return ["points": 1]
            },
        ]
        let before = try EngineFixture(
            definition: EngineFixture.vendingPass, machine: "vending-pass", store: SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: true)),
            handlers: slowCount
        )
        let started = try before.engine.start(machine: "vending-pass", name: "e-000001", input: EngineFixture.purchase)
        await before.clock.run(until: EngineFixture.start.advanced(by: .seconds(5)))

        let after = try EngineFixture(
            definition: EngineFixture.vendingPass, machine: "vending-pass", store: SQLiteWorkflowStore(file: try DatabaseFile.open(at: path, createIfMissing: false)),
            start: EngineFixture.start.advanced(by: .seconds(5)), handlers: slowCount
        )
        await after.clock.run()

        #expect(try after.engine.execution(started.summary.id)?.status == .succeeded)
        let first = try #require(before.calls(to: "CountPoints").first)
        let rerun = try #require(after.calls(to: "CountPoints").first)
        #expect(first.key == rerun.key)
        #expect(after.calls(to: "UpdateParticipant").count == 1)
    }

    /// An execution that leaves memory at every Wait, inside Parallel branches, Map iterations and a
    /// Retry's back-off, and comes back from its snapshot each time, ends exactly as one kept in memory:
    /// the same output, the same history, the same task attempts.
    @Test func executionsRestoredFromSnapshotsEndAsInMemory() async throws {
        let definition = #"""
            {"StartAt": "Both", "States": {
              "Both": {"Type": "Parallel", "Next": "Each", "ResultSelector": {"items.$": "$[1].items", "short.$": "$[0].branch"}, "Branches": [
                {"StartAt": "Short", "States": {"Short": {"Type": "Wait", "Seconds": 5, "Next": "Mark"},
                  "Mark": {"Type": "Pass", "Result": {"branch": "short"}, "End": true}}},
                {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 7, "Next": "Flaky"},
                  "Flaky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Flaky", "End": true,
                    "Retry": [{"ErrorEquals": ["Flaky.Busy"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}]}}}]},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": "$.each", "Next": "Done",
                "ItemProcessor": {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "SecondsPath": "$", "Next": "Echo"},
                  "Echo": {"Type": "Pass", "Parameters": {"waited.$": "$", "at.$": "$$.State.EnteredTime"}, "End": true}}}},
              "Done": {"Type": "Pass", "End": true}}}
            """#
        let flaky: [String: @Sendable (TaskInvocation, VirtualClock) async throws -> JSONValue] = [
            "Flaky": { invocation, _ in
                guard invocation.attempt > 2 else { throw TaskFailure(error: "Flaky.Busy", cause: "attempt \(invocation.attempt)") }
                return ["items": [3, 1, 2], "attempt": .number(Double(invocation.attempt))]
            },
        ]
        var options = WorkflowEngine.Options()
        options.cachedExecutions = 0
        let inMemory = try EngineFixture(definition: definition, handlers: flaky)
        let restored = try EngineFixture(definition: definition, store: SQLiteWorkflowStore(file: try DatabaseFile.inMemory()), options: options, handlers: flaky)
        var ends: [(summary: ExecutionSummary, history: [HistoryEvent])] = []
        for fixture in [inMemory, restored] {
            let started = try fixture.engine.start(machine: "m", name: "x-1", input: ["n": 1])
            await fixture.clock.run()
            try fixture.engine.flush()
            ends.append((try #require(try fixture.engine.execution(started.summary.id)), try fixture.engine.history(of: started.summary.id)))
        }
        #expect(ends[0].summary.status == .succeeded, "\(ends[0].summary)")
        #expect(ends[1].summary == ends[0].summary)
        #expect(ends[1].history == ends[0].history)
        #expect(restored.calls(to: "Flaky").map(\.attempt) == [1, 2, 3])
        #expect(restored.engine.statistics.timersFired == inMemory.engine.statistics.timersFired)
    }

    /// Waiting executions cost disk, not memory: only the due window of timers stays loaded.
    @Test func waitingExecutionsLeaveMemory() async throws {
        var options = WorkflowEngine.Options()
        options.timerWindow = 100
        options.cachedExecutions = 0
        options.commitPolicy = .batched(events: 1_000)
        let fixture = try EngineFixture(
            definition: EngineFixture.vendingPass, machine: "vending-pass", store: SQLiteWorkflowStore(file: try DatabaseFile.inMemory()), options: options
        )
        for index in 0..<3_000 {
            try fixture.engine.start(machine: "vending-pass", name: "e-\(index)", input: ["id": .string("e-\(index)"), "participant": "vp-1"])
        }
        await fixture.clock.run(until: EngineFixture.start.advanced(by: .seconds(10)))
        try fixture.engine.flush()
        #expect(fixture.engine.executionsInMemory == 0)
        #expect(fixture.engine.timersInMemory <= 100)

        await fixture.clock.run()
        try fixture.engine.flush()
        #expect(fixture.engine.statistics.executionsSucceeded == 3_000)
        #expect(fixture.calls(to: "UpdateParticipant").count == 3_000)
        #expect(fixture.engine.timersInMemory == 0)
    }

    /// Purchases arriving one a millisecond, each waiting 90 s, with no room to keep waiting executions in
    /// memory: the executions behind the coming timers are read back before their timers come due (in
    /// the background from a file that reads while it writes, by the engine's thread a thousand at a time
    /// from one connection), and every execution ends on time.
    @Test(arguments: [true, false]) func executionsBehindComingTimersAreReadAhead(readsWhileWriting: Bool) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = readsWhileWriting ? try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true) : try DatabaseFile.inMemory()
        let store = SQLiteWorkflowStore(file: file)
        #expect(store.readsWhileWriting == readsWhileWriting)
        var options = WorkflowEngine.Options()
        options.timerWindow = 2_000
        options.cachedExecutions = 0
        options.commitPolicy = .batched(events: 1_000)
        let fixture = try EngineFixture(definition: EngineFixture.vendingPass, machine: "vending-pass", store: store, options: options)
        let engine = fixture.engine
        fixture.clock.spawn { [clock = fixture.clock] in
            for index in 0..<3_000 {
                await clock.sleep(until: EngineFixture.start.advanced(by: .milliseconds(Int64(index))))
                _ = try? engine.start(machine: "vending-pass", name: "e-\(index)", input: ["id": .string("e-\(index)"), "participant": "vp-1"])
            }
        }
        await fixture.clock.run()
        try engine.flush()

        let statistics = engine.statistics
        #expect(statistics.executionsSucceeded == 3_000)
        let updated = fixture.calls(to: "UpdateParticipant").map { $0.at.millisecondsSinceEpoch - EngineFixture.start.millisecondsSinceEpoch }
        #expect(updated == (0..<3_000).map { 90_000 + Int64($0) })
        #expect(statistics.executionsReadAhead + statistics.executionsReadOnDemand >= 3_000, "\(statistics)")
        if readsWhileWriting {
            // The engine's thread never waits for the read-ahead: a timer that comes due before its
            // execution is read is served on demand, so how many are depends on the machine's load (under
            // 60 here, with every suite running at once). Most come from the read-ahead.
            #expect(statistics.executionsReadAhead >= 1_500, "\(statistics)")
        } else {
            // Only the first due execution is read alone; from then on the reads keep ahead of the timers.
            #expect(statistics.executionsReadOnDemand == 1, "\(statistics)")
        }
    }

    /// The cache keeps executions in flight, not finished ones: under its size, every waiting execution
    /// stays in memory and no timer reads one back; once an execution ends and is saved, it leaves.
    @Test func theCacheHoldsExecutionsInFlightAndLetsFinishedOnesGo() async throws {
        var options = WorkflowEngine.Options()
        options.cachedExecutions = 5_000
        options.commitPolicy = .batched(events: 1_000)
        let fixture = try EngineFixture(
            definition: EngineFixture.vendingPass, machine: "vending-pass", store: SQLiteWorkflowStore(file: try DatabaseFile.inMemory()), options: options
        )
        let ids = try (0..<3_000).map { index in
            try fixture.engine.start(machine: "vending-pass", name: "e-\(index)", input: ["id": .string("e-\(index)"), "participant": "vp-1"]).summary.id
        }
        await fixture.clock.run(until: EngineFixture.start.advanced(by: .seconds(10)))
        try fixture.engine.flush()
        #expect(fixture.engine.executionsInMemory == 3_000)

        await fixture.clock.run()
        try fixture.engine.flush()
        let statistics = fixture.engine.statistics
        #expect(statistics.executionsSucceeded == 3_000)
        #expect(statistics.executionsReadAhead + statistics.executionsReadOnDemand == 0, "\(statistics)")
        #expect(fixture.engine.executionsInMemory == 0)
        #expect(try fixture.engine.execution(ids[7])?.status == .succeeded)

        // Starting a finished execution's name again answers from the store, and brings nothing back.
        let again = try fixture.engine.start(machine: "vending-pass", name: "e-7", input: ["id": "e-7", "participant": "vp-1"])
        #expect(!again.isNew)
        #expect(again.summary.status == .succeeded)
        #expect(fixture.engine.executionsInMemory == 0)
    }

    /// The filter of known names fills at 65,536 executions and is rebuilt from memory and the store while
    /// the writer commits in the background: a name started before, in memory or only in the store, still
    /// returns its first execution.
    @Test func namesStartedBeforeTheFilterIsRebuiltAreStillKnown() async throws {
        var options = WorkflowEngine.Options()
        options.cachedExecutions = 1_000
        options.commitPolicy = .batched(events: 5_000)
        let hold = #"{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":3600,"End":true}}}"#
        let fixture = try EngineFixture(definition: hold, machine: "hold", store: SQLiteWorkflowStore(file: try DatabaseFile.inMemory()), options: options)
        let engine = fixture.engine
        for index in 0..<70_000 {
            try engine.start(machine: "hold", name: "x-\(index)", input: ["n": .number(Double(index))])
        }
        for index in [0, 40_000, 65_535, 65_536, 69_999] {
            let again = try engine.start(machine: "hold", name: "x-\(index)", input: ["n": .number(Double(index))])
            #expect(!again.isNew, "x-\(index)")
        }
        #expect(try engine.start(machine: "hold", name: "x-70000", input: ["n": 70_000]).isNew)
        #expect(throws: WorkflowEngineError.self) { try engine.start(machine: "hold", name: "x-1", input: ["n": 2]) }
    }

    /// With a small window of timers and commits written in the background, every Wait still ends at
    /// its own due instant: timers beyond the window, and timers armed or fired in batches not yet
    /// written when the window is reloaded, are neither lost nor fired twice.
    @Test func timersBeyondTheWindowFireOnTimeWhileTheWriterCommits() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = WorkflowEngine.Options()
        options.timerWindow = 40
        options.cachedExecutions = 0
        options.commitPolicy = .batched(events: 300)
        let fixture = try EngineFixture(
            definition: #"{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","SecondsPath":"$.seconds","Next":"Done"},"Done":{"Type":"Pass","End":true}}}"#,
            store: SQLiteWorkflowStore(file: try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true)), options: options
        )
        let engine = fixture.engine
        let clock = fixture.clock
        let waits = (0..<1_500).map { Int64(($0 * 7_919) % 600 + 1) }
        let ids = Locked<[String]>([])
        clock.spawn {
            for (index, seconds) in waits.enumerated() {
                await clock.sleep(for: .milliseconds(50))
                let started = try? engine.start(machine: "m", name: "w-\(index)", input: ["seconds": .number(Double(seconds))])
                ids.withLock { $0.append(started?.summary.id ?? "") }
            }
        }
        await clock.run()
        try engine.flush()

        #expect(engine.statistics.executionsSucceeded == waits.count)
        #expect(engine.statistics.timersFired == waits.count)
        for (id, seconds) in zip(ids.withLock { $0 }, waits) {
            let execution = try #require(try engine.execution(id))
            #expect(execution.stoppedAt == execution.startedAt.advanced(by: .seconds(seconds)), "\(id) waited \(seconds) s")
        }
    }

    /// A history read back from the file is the one the engine recorded, event for event and detail for detail.
    @Test func aHistoryReadsBackAsRecorded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true))
        let durable = try EngineFixture(definition: EngineFixture.vendingPass, machine: "vending-pass", store: store)
        let inMemory = try EngineFixture(definition: EngineFixture.vendingPass, machine: "vending-pass")
        var id = ""
        for fixture in [durable, inMemory] {
            id = try fixture.engine.start(machine: "vending-pass", name: "e-000001", input: EngineFixture.purchase).summary.id
            await fixture.clock.run()
        }
        try durable.engine.flush()

        let read = try store.history(of: id)
        #expect(read.count == 14)
        #expect(read == (try inMemory.engine.history(of: id)))
    }

    /// A file written before histories were stored compactly (as JSON text) still shows its histories.
    @Test func aHistoryWrittenAsTextStillReads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true)
        try file.write { db in
            try db.execute(
                sql: "INSERT INTO workflow_history (execution_id, first_event_id, events) VALUES ('e-old', 1, ?)",
                arguments: [#"[{"id":1,"previous":0,"timestamp":1795507200000,"type":"ExecutionStarted","details":{"input":{"id":"e-old"}}}]"#]
            )
        }

        let history = try SQLiteWorkflowStore(file: file).history(of: "e-old")
        #expect(history.map(\.type) == [.executionStarted])
        #expect(history.first?.details["input"] == ["id": "e-old"])
    }

    /// An execution saved by a version that wrote snapshots as JSON text still lists with its input and output.
    @Test func anExecutionSavedAsTextStillLists() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true)
        let snapshot = #"{"id":"e-old","name":"old","machine":"m","input":{"id":"p-1"},"startedAt":1795507200000,"status":"SUCCEEDED","output":{"id":"p-1","done":true},"stoppedAt":1795507290000,"runs":[],"nextRunID":1,"nextEventID":5,"transitions":2,"timers":[]}"#
        try file.write { db in
            try db.execute(
                sql: """
                    INSERT INTO workflow_execution (id, machine, name, status, started_at, stopped_at, transitions, needs_resume, snapshot)
                    VALUES ('e-old', 'm', 'old', 'SUCCEEDED', 1795507200000, 1795507290000, 2, 0, ?)
                    """,
                arguments: [snapshot]
            )
        }

        let summary = try #require(try SQLiteWorkflowStore(file: file).execution("e-old")?.summary)
        #expect(summary.input == ["id": "p-1"])
        #expect(summary.output == ["id": "p-1", "done": true])
        #expect(summary.status == .succeeded)
    }

    /// A history whose stored bytes are damaged is an error naming the file and the execution, not a crash or a shorter history.
    @Test func aDamagedHistoryIsAnErrorNamingTheExecution() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("engine.sqlite")
        let file = try DatabaseFile.open(at: path, createIfMissing: true)
        let store = SQLiteWorkflowStore(file: file)
        let fixture = try EngineFixture(definition: EngineFixture.vendingPass, machine: "vending-pass", store: store)
        let id = try fixture.engine.start(machine: "vending-pass", name: "e-000001", input: EngineFixture.purchase).summary.id
        await fixture.clock.run()
        try fixture.engine.flush()
        try file.write { db in try db.execute(sql: "UPDATE workflow_history SET events = substr(events, 1, 20)") }

        #expect {
            try store.history(of: id)
        } throws: { error in
            guard case .damaged(let damagedPath, let reason) = error as? StorageError else { return false }
            return damagedPath == path && reason.contains(id)
        }
    }
}
