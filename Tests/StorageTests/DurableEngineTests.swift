import Determinism
import Foundation
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

    /// A task's timeout is kept in memory only, never in the file (a task in flight at a crash is invoked
    /// again, with a timeout of its own), and still ends a task that runs too long; a task's timer stored
    /// by an earlier version is removed from the file when the engine resumes, and never fires.
    @Test func aTasksTimeoutIsNeverStoredAndStillFires() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("engine.sqlite")
        let file = try DatabaseFile.open(at: path, createIfMissing: true)
        try file.write { db in
            try db.execute(sql: "INSERT INTO workflow_timer (sequence, due_at, execution_id, run_id, token, kind) VALUES (1, 1795507201000, 'e-old', 0, 1, 'taskTimeout')")
        }
        let definition = #"{"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Slow", "TimeoutSeconds": 5, "End": true}}}"#
        let fixture = try EngineFixture(
            definition: definition, store: SQLiteWorkflowStore(file: file),
            handlers: ["Slow": { _, clock in
                await clock.sleep(for: .seconds(10))
                return ["late": true]
            }]
        )
        let id = try fixture.engine.start(machine: "m", name: "slow", input: [:]).summary.id
        await fixture.clock.run(until: EngineFixture.start.advanced(by: .seconds(3)))
        try fixture.engine.flush()
        #expect(fixture.engine.timersInMemory == 1)
        #expect(try file.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM workflow_timer") } == 0)

        await fixture.clock.run()
        let execution = try #require(try fixture.engine.execution(id))
        #expect(execution.status == .failed)
        #expect(execution.error == "States.Timeout")
        #expect(execution.stoppedAt == EngineFixture.start.advanced(by: .seconds(5)))
        #expect(fixture.engine.statistics.timersFired == 1)
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

    /// Executions that leave memory at every Wait, and wait again a second later, always come back in
    /// their latest state: a copy read ahead before the execution came back, changed and left again is
    /// not put into memory (it was, and the stale execution ignored its next timer and stopped: 150 of
    /// 3,000 here), and an execution leaves memory only once the batch holding its latest state is written.
    @Test func executionsLeaveMemoryOnlyWithTheirLatestStateWritten() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true))
        let definition = #"""
            {"StartAt": "First", "States": {
              "First": {"Type": "Task", "Resource": "First", "Next": "Short"},
              "Short": {"Type": "Wait", "Seconds": 1, "Next": "Second"},
              "Second": {"Type": "Task", "Resource": "Second", "Next": "Again"},
              "Again": {"Type": "Wait", "Seconds": 1, "Next": "Third"},
              "Third": {"Type": "Task", "Resource": "Third", "End": true}
            }}
            """#
        var options = WorkflowEngine.Options()
        options.cachedExecutions = 0
        options.commitPolicy = .batched(events: 200)
        let fixture = try EngineFixture(definition: definition, store: store, options: options)
        let engine = fixture.engine
        fixture.clock.spawn { [clock = fixture.clock] in
            for index in 0..<3_000 {
                await clock.sleep(until: EngineFixture.start.advanced(by: .milliseconds(Int64(index))))
                _ = try? engine.start(machine: "m", name: "e-\(index)", input: ["n": .number(Double(index))])
            }
        }
        await fixture.clock.run()
        try engine.flush()

        #expect(engine.statistics.executionsSucceeded == 3_000, "\(engine.statistics)")
        #expect(fixture.calls(to: "Third").count == 3_000)
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

    /// A snapshot and a history chunk as this version stores them (the keys, event types and role as
    /// numbers of the formats' presets) read back with the same strings: the presets are part of the
    /// stored format, and a change to either would misread every file written before it.
    @Test func storedSnapshotsAndHistoriesKeepTheirMeaning() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true)
        let id = "arn:aws:states:local:000000000000:execution:vending-pass:e-0"
        let snapshot = Self.bytes(
            "40070D0105003C61726E3A6177733A7374617465733A6C6F63616C3A3030303030303030303030303A657865637574696F6E",
            "3A76656E64696E672D706173733A652D3002050003652D300305000C76656E64696E672D7061737304070301053D00047479",
            "70650500087075726368617365000B7061727469636970616E7405000476702D31050480808DC9C16806053807070501053D",
            "3F05404105420005636F756E7407010006706F696E74730402000675706461746507014404020A04A0FE97C9C1680B06000C",
            "04020D041E0E04060F0600"
        )
        let chunk = Self.bytes(
            "02010080808DC9C16801070223070300026964050003652D300004747970650500087075726368617365000B706172746963",
            "6970616E7405000476702D312B0530020180808DC9C1680707022205000B436F756E74506F696E7473230800030280808DC9",
            "C1680907052505003A61726E3A6177733A6C616D6264613A75732D656173742D313A3132333435363738393031323A66756E",
            "6374696F6E3A436F756E74506F696E747326053227053128070200056576656E740800000E6964656D706F74656E63794B65",
            "79053929043C040380808DC9C1680A070125053F050480808DC9C1680B070225053F2407010006706F696E74730402060580",
            "808DC9C16808070222053E2407043805393A053B3C053D0005636F756E740806070680808DC9C1680E07022205000D576169",
            "74466F72536574746C65230808"
        )
        try file.write { db in
            try db.execute(
                sql: """
                    INSERT INTO workflow_execution (id, machine, name, status, started_at, stopped_at, transitions, needs_resume, snapshot)
                    VALUES (?, 'vending-pass', 'e-0', 'SUCCEEDED', 1795507200000, 1795507290000, 3, 0, ?)
                    """,
                arguments: [id, Data(snapshot)]
            )
            try db.execute(sql: "INSERT INTO workflow_history (execution_id, first_event_id, events) VALUES (?, 1, ?)", arguments: [id, Data(chunk)])
        }
        let store = SQLiteWorkflowStore(file: file)

        let summary = try #require(try store.execution(id)?.summary)
        let input: JSONValue = ["id": "e-0", "type": "purchase", "participant": "vp-1"]
        #expect(summary.input == input)
        #expect(summary.output?["count"] == ["points": 1])
        #expect(summary.output?["update"] == ["points": 1])
        let history = try store.history(of: id)
        #expect(
            history.map(\.type) == [.executionStarted, .taskStateEntered, .taskScheduled, .taskStarted, .taskSucceeded, .taskStateExited, .waitStateEntered]
        )
        #expect(JSONValue.object(history[0].details) == ["input": input, "roleArn": "arn:aws:iam::000000000000:role/vendingpass"])
        let scheduled = history[2].details
        #expect(scheduled["resource"] == "arn:aws:lambda:us-east-1:123456789012:function:CountPoints")
        #expect(scheduled["resourceType"] == "lambda")
        #expect(scheduled["region"] == "local")
        #expect(scheduled["timeoutInSeconds"] == 30)
        #expect(JSONValue.object(history[6].details) == ["name": "WaitForSettle", "input": ["id": "e-0", "type": "purchase", "participant": "vp-1", "count": ["points": 1]]])
    }

    /// A snapshot and a history chunk in the compact form of the version before (every string spelled
    /// out in each document) still read.
    @Test func theEarlierCompactFormStillReads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try DatabaseFile.open(at: directory.file("engine.sqlite"), createIfMissing: true)
        let input: JSONValue = ["id": "e-old"]
        var snapshot = CompactJSONWriter()
        snapshot.write([
            "id": "e-old", "name": "old", "machine": "m", "input": input, "startedAt": 1795507200000, "status": "SUCCEEDED",
            "output": ["id": "e-old", "done": true], "stoppedAt": 1795507290000, "runs": [], "nextRunID": 1, "nextEventID": 3,
            "transitions": 1, "timers": [],
        ])
        var chunk = CompactJSONWriter()
        chunk.write(unsigned: 1)
        for (index, type) in ["ExecutionStarted", "ExecutionSucceeded"].enumerated() {
            chunk.write(unsigned: UInt64(index + 1))
            chunk.write(unsigned: UInt64(index))
            chunk.write(integer: 1795507200000)
            chunk.write(string: type)
            let details: JSONValue = index == 0 ? ["input": input] : ["output": ["id": "e-old", "done": true]]
            chunk.write(details)
        }
        try file.write { db in
            try db.execute(
                sql: """
                    INSERT INTO workflow_execution (id, machine, name, status, started_at, stopped_at, transitions, needs_resume, snapshot)
                    VALUES ('e-old', 'm', 'old', 'SUCCEEDED', 1795507200000, 1795507290000, 1, 0, ?)
                    """,
                arguments: [Data(snapshot.bytes)]
            )
            try db.execute(sql: "INSERT INTO workflow_history (execution_id, first_event_id, events) VALUES ('e-old', 1, ?)", arguments: [Data(chunk.bytes)])
        }
        let store = SQLiteWorkflowStore(file: file)

        let summary = try #require(try store.execution("e-old")?.summary)
        #expect(summary.input == input)
        #expect(summary.output == ["id": "e-old", "done": true])
        let history = try store.history(of: "e-old")
        #expect(history.map(\.type) == [.executionStarted, .executionSucceeded])
        #expect(history.first?.details["input"] == input)
    }

    private static func bytes(_ hex: String...) -> [UInt8] {
        let digits = Array(hex.joined().utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
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
