import Dispatch
import Synchronization

/// Writes batches on a background queue, one at a time and in order, so that the engine keeps stepping
/// executions on one core while the store commits on the other.
final class BatchWriter: Sendable {
    private let queue = BackgroundQueue(label: "vendingpass.workflow-writer")
    private let slot = DispatchSemaphore(value: 1)
    private let writing = Atomic<Int>(0)

    /// Whether a batch is still being written: the next one would wait for it.
    var isBusy: Bool { writing.load(ordering: .acquiring) > 0 }

    /// Runs `work` after every batch submitted before it; waits while a previous batch is still being written.
    func submit(_ work: @escaping @Sendable () -> Void) {
        slot.wait()
        writing.add(1, ordering: .releasing)
        queue.submit { [self] in
            work()
            writing.subtract(1, ordering: .releasing)
            slot.signal()
        }
    }

    /// Waits until every submitted batch is written.
    func drain() {
        queue.drain()
    }
}
