import Testing

@testable import Workflows

@Suite struct NameFilterTests {
    /// Every id added is reported as maybe present; of ids never added, about one in a hundred is (the
    /// rate it is sized for), so a start rarely reads the store for a new name.
    @Test func addedIdsAreAlwaysFoundAndNewOnesRarely() {
        var filter = NameFilter(capacity: 50_000)
        let id = { (index: Int) in "arn:aws:states:local:000000000000:execution:vending-pass:e-\(index)" }
        for index in 0..<50_000 { filter.insert(ExecutionKey(id(index))) }
        #expect((0..<50_000).allSatisfy { filter.mightContain(ExecutionKey(id($0))) })
        let falsePositives = (50_000..<100_000).count { filter.mightContain(ExecutionKey(id($0))) }
        #expect(falsePositives < 1_000, "\(falsePositives) of 50,000 new ids reported as maybe present")
    }
}
