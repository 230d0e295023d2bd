import Loyalty
import TestSupport
import Testing

@Suite struct TraceParserTests {
    func parseError(_ lines: [String]) -> TraceError? {
        do {
            _ = try Trace.parse(TraceLines.join(lines), file: "day.jsonl")
            return nil
        } catch {
            return error
        }
    }

    @Test func namesTheFileLineAndFieldOfABadCurrency() throws {
        var lines = (1...20).map { TraceLines.purchase("e-\($0)", by: "vp-1", at: TraceLines.time(secondsAfterEight: $0)) }
        lines[16] = TraceLines.purchase("e-17", by: "vp-1", at: "08:00:17", currency: "ZZZ")
        let error = try #require(parseError(lines))
        #expect(error.problems == [TraceError.Problem(line: 17, field: "currency", reason: "'ZZZ' is not an ISO 4217 currency code in circulation")])
        #expect(error.description.hasPrefix(#"day.jsonl:17: field "currency" 'ZZZ' is not"#))
    }

    @Test func collectsEveryBadLine() throws {
        let lines = [
            TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00", amount: -5),
            TraceLines.purchase("e-2", by: "vp 2", at: "08:00:01"),
            "not json",
            TraceLines.purchase("e-4", by: "vp-1", at: "08:00:03"),
        ]
        let error = try #require(parseError(lines))
        #expect(error.problems.map(\.line) == [1, 2, 3])
        #expect(error.problems.map(\.field) == ["amount", "participant", nil])
    }

    @Test func ignoresExactRepeatsAndRefusesConflictingOnes() throws {
        let first = TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00")
        let trace = try Trace.parse(TraceLines.join([first, "", first]))
        #expect(trace.events.count == 1)
        #expect(trace.duplicateLines == 1)

        let conflict = try #require(parseError([first, TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00", amount: 300)]))
        #expect(conflict.problems.count == 1)
        #expect(conflict.problems[0].line == 2)
        #expect(conflict.problems[0].reason == #"'e-1' was already used on line 1 for a different event (field "amount" differ)"#)
    }

    @Test func sameInstantInAnotherOffsetIsTheSameEvent() throws {
        let utc = TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00")
        let paris = utc.replacingOccurrences(of: "2026-11-24T08:00:00Z", with: "2026-11-24T09:00:00+01:00")
        #expect(try Trace.parse(TraceLines.join([utc, paris])).duplicateLines == 1)
    }

    @Test func checksRefundsAgainstTheirPurchases() throws {
        let error = try #require(
            parseError([
                TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00"),
                TraceLines.refund("e-2", of: "e-1", by: "vp-9", at: "08:00:07"),
                TraceLines.refund("e-3", of: "e-1", by: "vp-1", at: "08:00:08", amount: 100),
                TraceLines.redemption("e-4", by: "vp-1", at: "08:01:00"),
                TraceLines.refund("e-5", of: "e-4", by: "vp-1", at: "08:01:07"),
            ])
        )
        #expect(error.problems.map(\.line) == [2, 3, 5])
        #expect(error.problems.map(\.field) == ["participant", "amount", "purchase"])
        #expect(error.problems[2].reason.contains("which is a redemption (line 4), not a purchase"))
    }

    @Test func deliversByTimeThenFileOrder() throws {
        let trace = try Trace.parse(
            TraceLines.join([
                TraceLines.purchase("late", by: "vp-1", at: "09:00:00"),
                TraceLines.purchase("tie-a", by: "vp-1", at: "08:00:00"),
                TraceLines.purchase("tie-b", by: "vp-1", at: "08:00:00"),
            ])
        )
        #expect(trace.events.map(\.id.rawValue) == ["tie-a", "tie-b", "late"])
        #expect(trace.lines == [2, 3, 1])
    }
}
