import Foundation
import Loyalty
import TestSupport
import Testing

@testable import Storage

@Suite struct IngestTests {
    let quickstart = try! Trace.parse(String(contentsOfFile: ProjectPaths.file("Scenarios/traces/quickstart.jsonl"), encoding: .utf8), file: "quickstart.jsonl")

    func truth(_ trace: Trace) -> [MemberBalance] {
        ReferenceLedger(trace: trace, rules: .standard).balances.values.sorted { $0.participant < $1.participant }
    }

    func subTrace(_ trace: Trace, _ range: Range<Int>) throws -> Trace {
        try Trace.parse(TraceLines.join(trace.events[range].map(\.jsonLine)), file: "part.jsonl")
    }

    @Test func ingestGivesTheReferenceBalances() throws {
        let database = try VendingDatabase.inMemory()
        let tally = try database.ingest(quickstart, rules: .standard, batchSize: 17)
        #expect(try database.members() == truth(quickstart))
        #expect(tally == ReferenceLedger(trace: quickstart, rules: .standard).tally)
    }

    @Test func ingestingTwiceChangesNothing() throws {
        let database = try VendingDatabase.inMemory()
        _ = try database.ingest(quickstart, rules: .standard)
        let second = try database.ingest(quickstart, rules: .standard)
        #expect(second.applied == 0)
        #expect(second.duplicates == quickstart.eventLines)
        #expect(try database.members() == truth(quickstart))
    }

    @Test func overlappingTracesApplyEachEventOnce() throws {
        let database = try VendingDatabase.inMemory()
        let count = quickstart.events.count
        _ = try database.ingest(subTrace(quickstart, 0..<(count * 2 / 3)), rules: .standard)
        let rest = try database.ingest(subTrace(quickstart, (count / 3)..<count), rules: .standard)
        #expect(rest.duplicates == count * 2 / 3 - count / 3)
        #expect(try database.members() == truth(quickstart))
    }

    @Test func balancesAreTheSumOfTheLedger() throws {
        let database = try VendingDatabase.inMemory()
        _ = try database.ingest(quickstart, rules: .standard)
        for member in try database.members() {
            let history = try database.history(of: member.participant)
            #expect(history.reduce(0) { $0 + $1.points } == member.points)
            #expect(Int64(history.filter { $0.kind == .redemption }.count) == member.freeDrinksRedeemed)
            #expect(history.map(\.time) == history.map(\.time).sorted())
        }
    }

    @Test func anIDIngestedEarlierWithOtherContentRefusesTheWholeTrace() throws {
        let database = try VendingDatabase.inMemory()
        _ = try database.ingest(try Trace.parse(TraceLines.join([TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00")])), rules: .standard)
        let next = try Trace.parse(
            TraceLines.join([
                TraceLines.purchase("e-2", by: "vp-2", at: "08:01:00"),
                TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00", amount: 300),
            ]),
            file: "next.jsonl"
        )
        #expect {
            try database.ingest(next, rules: .standard)
        } throws: { error in
            let error = error as? TraceError
            return error?.problems.map(\.line) == [2] && error?.problems.first?.reason.contains(#"field "amount""#) == true
        }
        #expect(try database.members().map(\.participant.rawValue) == ["vp-1"])
    }

    @Test func theLedgerRefusesASecondCreditOfThePurchase() throws {
        let database = try VendingDatabase.inMemory()
        _ = try database.ingest(try Trace.parse(TraceLines.join([TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00")])), rules: .standard)
        let entry = LedgerEntry(
            kind: .credit, event: EventID(trusted: "e-1"), key: EventID(trusted: "e-1"), participant: ParticipantID(trusted: "vp-1"), points: 1,
            time: Timestamp(millisecondsSinceEpoch: 0)
        )
        let member = try #require(try database.member(ParticipantID(trusted: "vp-1")))
        #expect(throws: (any Error).self) {
            try database.file.writer.write { db in try SQLiteLedgerStore(db: db).post(entry, balance: member) }
        }
        #expect(try database.member(ParticipantID(trusted: "vp-1"))?.points == 1)
    }

    @Test func keepsTheRulesOfItsFirstIngest() throws {
        let database = try VendingDatabase.inMemory()
        let trace = try Trace.parse(TraceLines.join([TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00")]))
        _ = try database.ingest(trace, rules: .standard)
        #expect(throws: StorageError.self) {
            try database.ingest(trace, rules: ProgramRules(pointsPerPurchase: 2, freeDrinkEvery: 10))
        }
        #expect(try database.storedRules() == .standard)
    }
}
