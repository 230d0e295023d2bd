import Loyalty
import TestSupport
import Testing

@Suite struct ReferenceLedgerTests {
    func ledger(_ lines: [String], rules: ProgramRules = .standard) throws -> ReferenceLedger {
        ReferenceLedger(trace: try Trace.parse(TraceLines.join(lines)), rules: rules)
    }

    func balance(_ ledger: ReferenceLedger, _ id: String) -> MemberBalance? {
        ledger.balances[ParticipantID(trusted: id)]
    }

    @Test func creditsEachPurchaseOnceAndAnonymousOnesNothing() throws {
        let ledger = try ledger([
            TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00"),
            TraceLines.purchase("e-2", by: "vp-1", at: "08:01:00"),
            TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00"),
            TraceLines.purchase("e-3", by: nil, at: "08:02:00"),
        ])
        #expect(balance(ledger, "vp-1")?.points == 2)
        #expect(ledger.balances.count == 1)
        #expect(ledger.tally.duplicates == 1)
        #expect(ledger.outcome(of: EventID(trusted: "e-3")) == .anonymous)
    }

    @Test func refundVoidsItsPurchaseWhicheverArrivesFirst() throws {
        let after = try ledger([
            TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00"),
            TraceLines.refund("e-2", of: "e-1", by: "vp-1", at: "08:00:07"),
        ])
        #expect(balance(after, "vp-1")?.points == 0)
        #expect(after.entries.map(\.kind) == [.credit, .reversal])

        let before = try ledger([
            TraceLines.purchase("e-1", by: "vp-1", at: "08:00:09"),
            TraceLines.refund("e-2", of: "e-1", by: "vp-1", at: "08:00:07"),
        ])
        #expect(balance(before, "vp-1")?.points == 0)
        #expect(before.entries.map(\.kind) == [.void])
        #expect(before.outcome(of: EventID(trusted: "e-1")) == .voided)
    }

    @Test func aSecondRefundOfTheSamePurchaseTakesNothingMore() throws {
        let ledger = try ledger([
            TraceLines.purchase("e-0", by: "vp-1", at: "07:59:00"),
            TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00"),
            TraceLines.refund("e-2", of: "e-1", by: "vp-1", at: "08:00:07"),
            TraceLines.refund("e-3", of: "e-1", by: "vp-1", at: "08:00:08"),
        ])
        #expect(balance(ledger, "vp-1")?.points == 1)
        #expect(ledger.tally.refunds == 2)
    }

    @Test func redemptionNeedsAFreeDrinkAtItsTime() throws {
        var lines = (0..<10).map { TraceLines.purchase("p-\($0)", by: "vp-1", at: TraceLines.time(secondsAfterEight: $0 * 60)) }
        lines.append(TraceLines.redemption("r-early", by: "vp-1", at: "08:05:30"))
        lines.append(TraceLines.redemption("r-1", by: "vp-1", at: "09:00:00"))
        lines.append(TraceLines.redemption("r-2", by: "vp-1", at: "09:01:00"))
        let ledger = try ledger(lines)
        let member = try #require(balance(ledger, "vp-1"))
        #expect(member.points == 10)
        #expect(member.freeDrinksEarned == 1)
        #expect(member.freeDrinksRedeemed == 1)
        #expect(member.freeDrinksAvailable == 0)
        #expect(ledger.tally.redemptionsAccepted == 1)
        #expect(ledger.tally.redemptionsDenied == 2)
        #expect(ledger.outcome(of: EventID(trusted: "r-early")) == .redemptionDenied)
        #expect(member.updatedAt.rfc3339 == "2026-11-24T09:00:00.000Z")
    }

    @Test func refundAfterARedemptionCanLeaveADrinkOwed() throws {
        var lines = (0..<10).map { TraceLines.purchase("p-\($0)", by: "vp-1", at: TraceLines.time(secondsAfterEight: $0 * 60)) }
        lines.append(TraceLines.redemption("r-1", by: "vp-1", at: "09:00:00"))
        lines.append(TraceLines.refund("x-1", of: "p-9", by: "vp-1", at: "09:30:00"))
        let member = try #require(balance(try ledger(lines), "vp-1"))
        #expect(member.points == 9)
        #expect(member.freeDrinksEarned == 0)
        #expect(member.freeDrinksAvailable == -1)
    }

    @Test func followsTheProgramRules() throws {
        let rules = try ProgramRules(pointsPerPurchase: 5, freeDrinkEvery: 12)
        let lines = (0..<5).map { TraceLines.purchase("p-\($0)", by: "vp-1", at: TraceLines.time(secondsAfterEight: $0)) }
        let member = try #require(balance(try ledger(lines, rules: rules), "vp-1"))
        #expect(member.points == 25)
        #expect(member.freeDrinksEarned == 2)
        #expect(throws: FieldProblem.self) { try ProgramRules(pointsPerPurchase: 1, freeDrinkEvery: 0) }
    }
}
