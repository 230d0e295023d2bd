import Foundation
import TestSupport
import Testing

@Suite struct GenerateCommandTests {
    @Test func writesAFileWithStatsAndIsRepeatable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = await CommandRun.vendingpass("generate", "--machines", "5", "--days", "1", "--seed", "9", "--out", directory.file("a.jsonl"), "--stats", "--json")
        #expect(first.status == 0, "\(first.error)")
        let stats = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any]
        let events = try #require(stats?["events"] as? Int)
        #expect((stats?["eventsByHour"] as? [Int])?.count == 24)
        let written = try String(contentsOfFile: directory.file("a.jsonl"), encoding: .utf8)
        #expect(written.split(separator: "\n").count == events)
        #expect(!FileManager.default.fileExists(atPath: directory.file("a.jsonl.partial")))

        let toStandardOutput = await CommandRun.vendingpass("generate", "--machines", "5", "--days", "1", "--seed", "9")
        #expect(toStandardOutput.output == written)
    }

    @Test func badSettingsAreUsageErrors() async {
        let run = await CommandRun.vendingpass("generate", "--machines", "0")
        #expect(run.status == 64)
        #expect(run.error.contains("machines is 0; a fleet needs at least 1 machine"))
        let start = await CommandRun.vendingpass("generate", "--start", "yesterday")
        #expect(start.status == 64)
        #expect(start.error.contains("--start 'yesterday' is not an RFC 3339 date-time"))
    }
}
