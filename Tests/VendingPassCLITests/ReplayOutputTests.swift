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
}
