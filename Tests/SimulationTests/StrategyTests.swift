import Foundation
import Simulation
import TestSupport
import Testing

/// Two purchases by one member, ten seconds apart; counts settle after exactly 30 s, calls take 100 ms.
@Suite struct StrategyTests {
    let lines = [
        TraceLines.purchase("p-1", by: "vp-1", at: "08:00:00"),
        TraceLines.purchase("p-2", by: "vp-1", at: "08:00:10"),
    ]

    @Test func directLosesBothUpdatesWhileTheCountsSettle() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = try await ReplayFixture.run(try ReplayFixture.scenario(lines, in: directory), .direct)
        #expect(report.lostUpdates == 2, "each update read the ledger before its count settled")
        #expect(report.lostPurchases.map(\.purchase) == ["p-1", "p-2"])
        #expect(report.doubleCredits == 0)
        #expect(report.backendCalls == 4)
        #expect(report.billedComputeMs == 400, "two invocations of 200 ms, already multiples of 100 ms")
    }

    @Test func sleepLosesNoneButBillsTheWait() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = try await ReplayFixture.run(try ReplayFixture.scenario(lines, in: directory), .sleep)
        #expect(report.lostUpdates == 0)
        #expect(report.billedComputeMs == 2 * 90_200)
        #expect(report.creditLatencySeconds.max == 90.2, "p-1's update, 90 s after its count, shows both purchases")
        #expect(abs(report.creditLatencySeconds.p50 - 80.2) < 0.1, "p-2 was bought 10 s after p-1")
        #expect(report.stateTransitions == 0)
    }

    @Test func orchestratedLosesNoneForThreeTransitionsEach() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = try await ReplayFixture.run(try ReplayFixture.scenario(lines, in: directory), .orchestrated)
        #expect(report.lostUpdates == 0)
        #expect(report.stateTransitions == 6)
        #expect(report.billedComputeMs == 2 * (100 + 100 + 100), "the handler's StartExecution and two Tasks, each billed 100 ms")
        #expect(report.creditLatencySeconds.max > 90)
    }

    @Test func adaptiveLosesNoneAndCreditsSoonerThanTheWait() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = try await ReplayFixture.run(try ReplayFixture.scenario(lines, in: directory), .adaptive)
        #expect(report.lostUpdates == 0)
        #expect(report.creditLatencySeconds.max < 45, "checks at 2, 6, 14, 22, 30 and 38 s: credited within 8 s of settling")
        #expect(report.creditLatencySeconds.p50 > 30, "never before the count settles")
    }

    @Test func aRefundVoidsItsPurchaseInEveryStrategy() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let scenario = try ReplayFixture.scenario(
            [
                TraceLines.purchase("p-1", by: "vp-1", at: "08:00:00"),
                TraceLines.refund("r-1", of: "p-1", by: "vp-1", at: "08:00:07"),
                TraceLines.purchase("p-2", by: "vp-1", at: "08:05:00"),
            ],
            in: directory, settle: "5s"
        )
        for strategy in [Strategy.sleep, .orchestrated, .adaptive] {
            let report = try await ReplayFixture.run(scenario, strategy)
            #expect(report.lostUpdates == 0, "\(strategy)")
            #expect(report.lostReversals == 0, "\(strategy)")
            #expect(report.purchasesCredited == 1, "\(strategy)")
        }
    }

    @Test func aRedemptionRightAfterTheTenthPurchaseIsWronglyDeniedUnderTheWait() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var lines = (0..<10).map { TraceLines.purchase("p-\($0)", by: "vp-1", at: TraceLines.time(secondsAfterEight: $0 * 300)) }
        lines.append(TraceLines.redemption("d-1", by: "vp-1", at: TraceLines.time(secondsAfterEight: 9 * 300 + 60)))
        let scenario = try ReplayFixture.scenario(lines, in: directory, settle: "10s")
        let orchestrated = try await ReplayFixture.run(scenario, .orchestrated)
        #expect(orchestrated.redemptionsWronglyDenied == 1, "a minute after the tenth purchase the record still waits out its 90 s")
        let adaptive = try await ReplayFixture.run(scenario, .adaptive)
        #expect(adaptive.redemptionsWronglyDenied == 0, "the record shows the drink about 14 s after the purchase")
    }
}
