import Determinism
import Loyalty
import Synchronization

/// The story's SNS topic: at-least-once fan-out of purchase events to its subscribers. Each delivery
/// is delayed by up to `reorderWithin`, so events may arrive out of order, and a share is delivered twice.
final class PurchaseTopic: Sendable {
    typealias Subscriber = @Sendable (LoyaltyEvent) async -> Void

    private let clock: any SimulationClock
    private let duplicates: Double
    private let reorderWithin: Int64
    private let state: Mutex<(random: SeededGenerator, subscribers: [Subscriber], redeliveries: Int)>

    init(clock: any SimulationClock, duplicates: Double, reorderWithinMilliseconds: Int64, seed: UInt64) {
        self.clock = clock
        self.duplicates = duplicates
        self.reorderWithin = reorderWithinMilliseconds
        state = Mutex((SeededGenerator(seed: seed, stream: "topic"), [], 0))
    }

    /// Adds a subscriber: every event published from now on reaches it at least once.
    func subscribe(_ subscriber: @escaping Subscriber) {
        state.withLock { $0.subscribers.append(subscriber) }
    }

    /// Deliveries of an event that had been delivered already.
    var redeliveries: Int { state.withLock { $0.redeliveries } }

    /// Publishes `event` now: each subscriber gets it after a random delay, sometimes twice.
    func publish(_ event: LoyaltyEvent) {
        let deliveries: [(Instant, Subscriber)] = state.withLock { state in
            var deliveries: [(Instant, Subscriber)] = []
            for subscriber in state.subscribers {
                let copies = Double.random(in: 0..<1, using: &state.random) < duplicates ? 2 : 1
                state.redeliveries += copies - 1
                for _ in 0..<copies {
                    let delay = reorderWithin > 0 ? Int64.random(in: 0...reorderWithin, using: &state.random) : 0
                    deliveries.append((clock.now.advanced(by: .milliseconds(delay)), subscriber))
                }
            }
            return deliveries
        }
        for (instant, subscriber) in deliveries {
            clock.schedule(at: instant) { [clock] in clock.spawn { await subscriber(event) } }
        }
    }
}
