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

    @Test func aGeneratedCSVTraceReadsAsItsJSONLinesTwin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var settings = GeneratorSettings()
        settings.machines = 8
        settings.participants = 60
        settings.days = 2
        var paths: [TraceFormat: String] = [:]
        for format in TraceFormat.allCases {
            var generator = TraceGenerator(settings: settings)
            var sink = MemorySink()
            try generator.generate(into: &sink, format: format)
            paths[format] = try directory.write(String(decoding: sink.bytes, as: UTF8.self), to: "trace.\(format.rawValue)")
        }
        let lines = try TraceFile.read(try #require(paths[.jsonl]))
        let cells = try TraceFile.read(try #require(paths[.csv]))
        #expect(cells.events == lines.events)
        #expect(lines.events.contains { if case .refund = $0.kind { true } else { false } })
        #expect(cells.lines == lines.lines.map { $0 + 1 }, "the header is line 1")
    }

    @Test func csvLinesAreCheckedLikeJSONLinesAndNamedByLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let rows = [
            "type,id,time,machine,amount,currency,payment,sku,slot",
            "purchase,e-1,2026-11-24T08:00:00Z,VM-1,250,USD,card,coke,A1",
            "purchase,e-2,2026-11-24T08:00:00Z,VM-1,2.5x,USD,card,coke,A1",
            #"purchase,e-3,2026-11-24T08:00:00Z,VM-1,250,USD,card,"co""ke",A1"#,
            "purchase,e-4,2026-11-24T08:00:00Z,VM-1,250,USD,card",
            "",
            #"purchase,e-5,2026-11-24T08:00:00Z,VM-1,250,USD,card,"coke,A1"#,
        ]
        let path = try directory.write(rows.joined(separator: "\n"), to: "hand.csv")
        let problems = [
            TraceError.Problem(line: 3, field: "amount", reason: "must be a whole number of minor units, not '2.5x'"),
            TraceError.Problem(line: 4, field: "sku", reason: #"contains '"'; only A-Z a-z 0-9 . _ : - are allowed"#),
            TraceError.Problem(line: 5, field: nil, reason: "has 7 cells, but the header names 9 fields"),
            TraceError.Problem(line: 7, field: nil, reason: "has a quote in cell 8 that does not close on the line"),
        ]
        #expect(throws: TraceError(file: path, problems: problems)) { try TraceFile.read(path) }

        let fixed = try directory.write(rows[0...1].joined(separator: "\n") + "\n" + #"refund,e-6,2026-11-24T08:01:00Z,VM-1,250,USD,,"","""#, to: "fixed.csv")
        #expect(throws: TraceError(file: fixed, problems: [TraceError.Problem(line: 3, field: "purchase", reason: "is missing")])) {
            try TraceFile.read(fixed)
        }
    }

    @Test func aCSVHeaderThatNamesNoTraceFieldsIsReportedOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let row = "\ne-1,purchase,2026-11-24T08:00:00Z,VM-1,red"
        let cases = [
            ("id,type,time,machine,colour", "is a CSV header naming 'colour', which is not a field of the trace format"),
            ("id,type,machine,colour", "is a CSV header naming 'colour', which is not a field of the trace format (amount, currency, id"),
            ("id,type,time,machne", "is a CSV header naming 'machne', which is not a field of the trace format (did you mean 'machine'?)"),
            ("id,type,machine,sku,slot", "is a CSV header without 'time', which every event needs"),
            ("id,id,type,time,machine", "is a CSV header naming 'id' twice"),
        ]
        for (header, reason) in cases {
            let path = try directory.write(header + row, to: "header.csv")
            let error = try #require(throws: TraceError.self) { try TraceFile.read(path) }
            #expect(error.problems.count == 1, "only the header is reported: the lines under it cannot be read")
            #expect(error.problems.first?.line == 1)
            #expect(error.problems.first?.reason.hasPrefix(reason) == true, "\(error)")
        }
    }

    @Test func reportsProgressInBytesUpToTheFileSize() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lines = (0..<12_000).map { TraceLines.purchase("e-\($0)", by: "vp-\($0 % 50)", at: TraceLines.time(secondsAfterEight: $0)) }
        let path = try directory.write(TraceLines.join(lines), to: "big.jsonl")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        var reports: [(read: Int, size: Int)] = []
        let trace = try TraceFile.read(path) { reports.append(($0, $1)) }
        #expect(trace.events.count == 12_000)
        #expect(reports.count >= 2, "a file of more than one chunk reports more than once")
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.read < $1.read })
        #expect(reports.allSatisfy { $0.size == size })
        #expect(reports.last?.read == size)
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
