import Fleet
import Foundation
import Loyalty
import TestSupport
import Testing

@Suite struct TraceFileTests {
    @Test func readsCRLFLinesAByteOrderMarkAndNoFinalNewline() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = "\u{FEFF}" + TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00") + "\r\n\r\n" + TraceLines.purchase("e-2", by: "vp-1", at: "08:00:01")
        let trace = try TraceFile.read(try directory.write(text, to: "crlf.jsonl"))
        #expect(trace.events.map(\.id.rawValue) == ["e-1", "e-2"])
        #expect(trace.lines == [1, 3])
    }

    @Test func namesTheLineInAFileLargerThanOneChunk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var lines = (0..<12_000).map { TraceLines.purchase("e-\($0)", by: "vp-\($0 % 50)", at: TraceLines.time(secondsAfterEight: $0)) }
        lines[9_999] = lines[9_999].replacingOccurrences(of: "\"USD\"", with: "\"US\"")
        let path = try directory.write(TraceLines.join(lines), to: "big.jsonl")
        #expect(throws: TraceError(file: path, problems: [TraceError.Problem(line: 10_000, field: "currency", reason: "'US' is not an ISO 4217 currency code in circulation")])) {
            try TraceFile.read(path)
        }
    }

    @Test func aMissingFileIsAClearError() {
        #expect(throws: TraceFileError(path: "/nonexistent/trace.jsonl", reason: "no such file")) {
            try TraceFile.read("/nonexistent/trace.jsonl")
        }
    }
}

@Suite struct QuickstartTraceTests {
    struct Expected: Decodable {
        struct Balance: Decodable, Equatable {
            let points: Int64
            let earned: Int64
            let redeemed: Int64
        }
        let lines: Int
        let events: Int
        let balances: [String: Balance]
    }

    @Test func itsBalancesAreThoseComputedIndependentlyByTheScript() throws {
        let trace = try TraceFile.read(ProjectPaths.file("Scenarios/traces/quickstart.jsonl"))
        let data = try #require(FileManager.default.contents(atPath: ProjectPaths.file("Tests/Fixtures/quickstart-balances.json")))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        let truth = ReferenceLedger(trace: trace, rules: .standard)
        #expect(trace.eventLines == expected.lines)
        #expect(trace.events.count == expected.events)
        let computed = Dictionary(
            uniqueKeysWithValues: truth.balances.map { ($0.key.rawValue, Expected.Balance(points: $0.value.points, earned: $0.value.freeDrinksEarned, redeemed: $0.value.freeDrinksRedeemed)) }
        )
        #expect(computed == expected.balances)
    }

    @Test func itIsRealistic() throws {
        let trace = try TraceFile.read(ProjectPaths.file("Scenarios/traces/quickstart.jsonl"))
        let truth = ReferenceLedger(trace: trace, rules: .standard)
        #expect(trace.eventLines >= 200)
        #expect(truth.balances.count >= 20)
        #expect(truth.tally.refunds >= 3)
        #expect(truth.tally.duplicates >= 3)
        #expect(truth.tally.redemptionsAccepted >= 3)
        #expect(truth.tally.redemptionsDenied >= 1)
        #expect(trace.events.contains { $0.participant == nil })
    }
}
