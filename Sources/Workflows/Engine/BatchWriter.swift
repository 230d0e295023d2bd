import Dispatch

/// Writes batches on a background queue, one at a time and in order, so that the engine keeps stepping
/// executions on one core while the store commits on the other.
final class BatchWriter: Sendable {
    private let queue = DispatchQueue(label: "vendingpass.workflow-writer")
    private let slot = DispatchSemaphore(value: 1)
    private let group = DispatchGroup()

    /// Runs `work` after every batch submitted before it; waits while a previous batch is still being written.
    func submit(_ work: @escaping @Sendable () -> Void) {
        slot.wait()
        group.enter()
        queue.async { [slot, group] in
            work()
            slot.signal()
            group.leave()
        }
    }

    /// Waits until every submitted batch is written.
    func drain() {
        group.wait()
    }
}
