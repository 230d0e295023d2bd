import Foundation

/// The real clock, optionally sped up: with `scale: 60`, a 90-second Wait takes 1.5 real seconds
/// while `now` reports 90 seconds later, for live demos and load tests.
public final class WallClock: SimulationClock {
    private let scale: Double
    private let startedAt: Instant
    private let startedAtReal = ContinuousClock.now

    /// A clock that starts at the real current time and runs `scale` times faster than it.
    public init(scale: Double = 1) {
        precondition(scale > 0, "a time scale must be positive")
        self.scale = scale
        self.startedAt = Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down)))
    }

    public var now: Instant {
        let elapsed = ContinuousClock.now - startedAtReal
        return startedAt.advanced(by: elapsed * scale)
    }

    public func sleep(until deadline: Instant) async {
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else { return }
        try? await Task.sleep(for: remaining / scale)
    }

    public func schedule(at instant: Instant, _ action: @escaping @Sendable () -> Void) {
        Task {
            await self.sleep(until: instant)
            action()
        }
    }

    public func spawn(_ job: @escaping @Sendable () async -> Void) {
        Task { await job() }
    }
}
