import Foundation
import Storage
import TestSupport
import Testing
import Workflows

/// A real crash: `vendingpass workflow run` is killed with SIGKILL during the 90-second Wait, then run again.
@Suite struct WorkflowCrashTests {
    @Test func aKilledRunResumesAndTheExecutionFinishesOnce() async throws {
        let binary = BuiltProducts.vendingpass
        try #require(FileManager.default.isExecutableFile(atPath: binary), "swift test builds \(binary)")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("crash.sqlite")
        let arguments = { (timeScale: Int) in
            [
                "workflow", "run", ProjectPaths.file("Scenarios/workflows/vending-pass.asl.json"), "--input", #"{"id":"e-000001","participant":"vp-1"}"#,
                "--mocks", ProjectPaths.file("Scenarios/workflows/vending-pass.mocks.json"), "--test-case", "HappyPath", "--name", "e-000001",
                "--db", database, "--clock", "wall", "--time-scale", "\(timeScale)", "--json",
            ]
        }

        // Given a run that has entered its Wait (90 s at twice the speed: 45 s to see it and kill the
        // process; alone that takes a second, under the whole suite on two cores up to fifteen)
        let first = Process()
        first.executableURL = URL(fileURLWithPath: binary)
        first.arguments = arguments(2)
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        let id = "arn:aws:states:local:000000000000:execution:vending-pass:e-000001"
        var waiting = false
        for _ in 0..<900 where !waiting {
            try await Task.sleep(for: .milliseconds(50))
            if FileManager.default.fileExists(atPath: database),
                let history = try? SQLiteWorkflowStore(file: try DatabaseFile.open(at: database, createIfMissing: false)).history(of: id)
            {
                waiting = history.contains { $0.type == .waitStateEntered }
            }
        }
        try #require(waiting, "the first run reached its Wait")

        // When the process is killed, then the same command runs again (at 90 times speed, so the
        // rest of the Wait takes about a second)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: database, createIfMissing: false))
        #expect(try store.execution(id)?.summary.status == .running)

        let second = Process()
        second.executableURL = URL(fileURLWithPath: binary)
        second.arguments = arguments(90)
        let output = Pipe()
        second.standardOutput = output
        try second.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        second.waitUntilExit()

        // Then the execution finished, once
        #expect(second.terminationStatus == 0)
        #expect(String(decoding: printed, as: UTF8.self).contains(#""update":{"points":11"#))
        let history = try store.history(of: id)
        let count = { (type: HistoryEventType) in history.filter { $0.type == type }.count }
        #expect(count(.executionStarted) == 1)
        #expect(count(.executionSucceeded) == 1)
        #expect(count(.waitStateExited) == 1)
        #expect(count(.taskScheduled) == 2, "CountPoints before the crash, UpdateParticipant after it")
        #expect(history.map(\.id) == Array(1...history.count))
    }
}
