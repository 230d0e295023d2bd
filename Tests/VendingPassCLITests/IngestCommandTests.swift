import Foundation
import Loyalty
import TestSupport
import Testing

@Suite struct IngestCommandTests {
    let quickstart = ProjectPaths.file("Scenarios/traces/quickstart.jsonl")

    @Test func printsASummaryAndIsIdempotent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("q.sqlite")
        let first = await CommandRun.vendingpass("ingest", quickstart, "--db", database, "--json")
        #expect(first.status == 0, "\(first.error)")
        let summary = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any]
        #expect(summary?["events"] as? Int == 244)
        #expect(summary?["duplicates"] as? Int == 8)
        #expect(summary?["applied"] as? Int == 236)

        let second = await CommandRun.vendingpass("ingest", quickstart, "--db", database)
        #expect(second.status == 0)
        #expect(second.output.contains("\n  applied                 0\n"))
        #expect(second.output.contains("\n  duplicates ignored    244\n"))
    }

    @Test func aGeneratedCSVTraceIngestsToTheSameBalancesAsItsJSONLines() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var balances: [String] = []
        for format in ["jsonl", "csv"] {
            let trace = directory.file("day.\(format)")
            let fleet = ["--machines", "10", "--participants", "80", "--days", "1", "--seed", "5"]
            #expect(await CommandRun.vendingpass(["generate"] + fleet + ["--format", format, "--out", trace]).status == 0)
            let database = directory.file("\(format).sqlite")
            let ingest = await CommandRun.vendingpass("ingest", trace, "--db", database)
            #expect(ingest.status == 0, "\(ingest.error)")
            balances.append(await CommandRun.vendingpass("participants", "list", "--db", database, "--json").output)
        }
        #expect(balances[0] == balances[1])
        #expect(balances[0].contains("freeDrinksEarned"))
    }

    @Test func aBadCurrencyOnLine17IsRefusedAndTheDatabaseIsLeftAsItWas() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("q.sqlite")
        #expect(await CommandRun.vendingpass("ingest", quickstart, "--db", database).status == 0)
        var lines = try String(contentsOfFile: quickstart, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[16] = lines[16].replacingOccurrences(of: #""currency":"USD""#, with: #""currency":"UDS""#)
        for index in lines.indices where index != 16 {
            lines[index] = lines[index].replacingOccurrences(of: #""id":"e-"#, with: #""id":"day2-"#)
        }
        let bad = try directory.write(TraceLines.join(lines), to: "bad.jsonl")
        let before = try directory.snapshot()

        let run = await CommandRun.vendingpass("ingest", bad, "--db", database)

        #expect(run.status == 2)
        #expect(run.error.hasPrefix("error: \(bad):17: field \"currency\" 'UDS' is not an ISO 4217 currency code"))
        #expect(run.error.contains("nothing was applied"))
        #expect(run.output.isEmpty)
        #expect(try directory.snapshot() == before)
    }

    @Test func aMissingTraceIsOneLine() async {
        let run = await CommandRun.vendingpass("ingest", "/nonexistent.jsonl", "--db", "/tmp/unused.sqlite")
        #expect(run.status == 2)
        #expect(run.error == "error: cannot read trace /nonexistent.jsonl: no such file\n")
    }
}
