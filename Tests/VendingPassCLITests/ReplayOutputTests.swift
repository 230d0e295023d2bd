import Foundation
import TestSupport
import Testing

/// What a script sees of `replay --json` across separate runs of the executable.
@Suite struct ReplayOutputTests {
    /// Runs the built `vendingpass` in a process of its own and returns what it printed.
    static func output(of arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.vendingpass)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func twoProcessesPrintTheSameBytesButForTheWallTime() throws {
        let arguments = ["replay", ProjectPaths.file("Scenarios/quickstart.yaml"), "--strategy", "all", "--json"]
        func simulated() throws -> String {
            try Self.output(of: arguments).split(separator: "\n").filter { !$0.contains("\"wallSeconds\"") }.joined(separator: "\n")
        }
        let first = try simulated()
        #expect(first.contains("\"lostUpdates\""))
        #expect(try simulated() == first)
    }

    @Test func anInterruptedReplayLeavesNoDatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("day.sqlite")
        let replay = Process()
        replay.executableURL = URL(fileURLWithPath: BuiltProducts.vendingpass)
        replay.arguments = ["replay", ProjectPaths.file("Scenarios/fleet-day.yaml"), "--db", database, "--json"]
        replay.standardOutput = FileHandle.nullDevice
        replay.standardError = FileHandle.nullDevice
        try replay.run()
        defer { if replay.isRunning { replay.terminate() } }

        // Given a replay that has begun writing its database
        var writing = false
        for _ in 0..<1_200 where !writing && replay.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            writing = FileManager.default.fileExists(atPath: database)
        }
        try #require(writing, "the replay created \(database)")
        try await Task.sleep(for: .milliseconds(300))

        // When it is interrupted, as Ctrl-C does
        kill(replay.processIdentifier, SIGINT)
        replay.waitUntilExit()

        // Then it exits as interrupted and nothing it wrote is left
        #expect(replay.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }
}
