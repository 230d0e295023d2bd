import Synchronization

/// The Lambda invocations of a replay and their billed durations.
final class Billing: Sendable {
    private let model: CostModel
    private let totals = Mutex((invocations: 0, billedMilliseconds: Int64(0)))

    init(model: CostModel) {
        self.model = model
    }

    /// Records one invocation that ran `milliseconds`.
    func record(milliseconds: Int64) {
        let billed = model.billedMilliseconds(for: milliseconds)
        totals.withLock {
            $0.invocations += 1
            $0.billedMilliseconds += billed
        }
    }

    var invocations: Int { totals.withLock { $0.invocations } }
    var billedMilliseconds: Int64 { totals.withLock { $0.billedMilliseconds } }
}
