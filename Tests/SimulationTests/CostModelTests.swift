import Simulation
import Testing

@Suite struct CostModelTests {
    @Test func billsDurationRoundedUpToTheGranularity() {
        let era2017 = CostModel(memoryMegabytes: 128, granularityMilliseconds: 100)
        #expect(era2017.billedMilliseconds(for: 1) == 100)
        #expect(era2017.billedMilliseconds(for: 100) == 100)
        #expect(era2017.billedMilliseconds(for: 101) == 200)
        #expect(era2017.billedMilliseconds(for: 90_040) == 90_100)
        let today = CostModel(memoryMegabytes: 128, granularityMilliseconds: 1)
        #expect(today.billedMilliseconds(for: 101) == 101)
    }

    @Test func pricesRequestsGigabyteSecondsAndTransitions() {
        let model = CostModel(memoryMegabytes: 1_024, granularityMilliseconds: 100)
        #expect(abs(model.computeCost(requests: 1_000_000, billedMilliseconds: 0) - 0.20) < 1e-9)
        #expect(abs(model.computeCost(requests: 0, billedMilliseconds: 1_000_000) - 0.016_666_7) < 1e-9, "1,000 GB-seconds")
        #expect(abs(model.transitionCost(1_000) - 0.025) < 1e-12)
    }
}
