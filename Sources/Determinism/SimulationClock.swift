/// The one source of time for every component that waits: the engine's timers, the slow backend's
/// latency, the fleet's arrivals.
///
/// Two implementations: ``WallClock`` (optionally scaled) for live runs, and ``VirtualClock``, on which
/// time jumps to the next due item whenever nothing is runnable, so a day replays in seconds and the
/// same inputs always give the same run.
public protocol SimulationClock: Sendable {
    /// The current instant.
    var now: Instant { get }

    /// Suspends the caller until `deadline`.
    func sleep(until deadline: Instant) async

    /// Calls `action` at `instant` (at once when it is past). The action must not block on other work.
    func schedule(at instant: Instant, _ action: @escaping @Sendable () -> Void)

    /// Starts `job`: at once on the wall clock; in turn, after the work already due, on the virtual clock.
    func spawn(_ job: @escaping @Sendable () async -> Void)
}

extension SimulationClock {
    /// Suspends the caller for `duration`.
    public func sleep(for duration: Duration) async {
        await sleep(until: now.advanced(by: duration))
    }
}
