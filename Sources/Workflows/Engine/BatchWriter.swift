import Dispatch
import Synchronization

/// Writes batches on a background queue, one at a time and in order, so that the engine keeps stepping
/// executions on one core while the store commits on the other.
///
/// Two batches may be in its hands at once, one being written and one waiting: the engine hands over a
/// batch and goes on, and only a third waits. With one, the engine stopped at every commit until the
/// previous batch was written, encoding what it could meanwhile; the writer now encodes more of each
/// batch itself, and the engine, the busier thread, less.
final class BatchWriter: Sendable {
    private let queue = BackgroundQueue(label: "vendingpass.workflow-writer")
    private let slots = DispatchSemaphore(value: 2)
    private let held = Atomic<Int>(0)

    /// Whether the writer holds two batches: the next one would wait for a slot.
    var isFull: Bool { held.load(ordering: .acquiring) > 1 }

    /// Runs `work` after every batch submitted before it; waits while the writer holds two batches.
    func submit(_ work: @escaping @Sendable () -> Void) {
        slots.wait()
        held.add(1, ordering: .releasing)
        queue.submit { [self] in
            work()
            held.subtract(1, ordering: .releasing)
            slots.signal()
        }
    }

    /// Waits until every submitted batch is written.
    func drain() {
        queue.drain()
    }
}
