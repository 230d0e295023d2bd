import Determinism
import HeapModule

/// The calls to fire timers that the engine has scheduled on the clock and that have not run yet.
///
/// A wake that runs is told apart by its instant, whatever order the clock runs wakes in (the wall
/// clock runs each in a task of its own), so the engine schedules a wake only when none is pending at
/// or before its earliest timer. The engine had kept only the last wake's instant and forgot it at
/// every firing, so every firing scheduled one more: fleet-day's replay ran four million wakes, 99 %
/// of them with no timer due.
struct PendingWakes {
    private var scheduled = Heap<Instant>()
    /// Wakes that ran while an earlier one was still pending, by instant, until they reach the front.
    private var ranEarly: [Instant: Int] = [:]

    /// The earliest wake still to run.
    var earliest: Instant? { scheduled.min }

    /// Records a wake scheduled at `instant`.
    mutating func schedule(at instant: Instant) {
        scheduled.insert(instant)
    }

    /// Records that the wake scheduled at `instant` ran.
    mutating func ran(at instant: Instant) {
        ranEarly[instant, default: 0] += 1
        while let first = scheduled.min, let count = ranEarly[first] {
            scheduled.removeMin()
            ranEarly[first] = count > 1 ? count - 1 : nil
        }
    }
}
