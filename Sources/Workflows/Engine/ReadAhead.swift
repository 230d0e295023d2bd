import Dispatch

/// Reads executions on a background queue, one read at a time and in order: the engine asks it for the
/// executions behind its next timers, so that its own thread finds them in memory when they come due.
final class ReadAhead: Sendable {
    private let queue = DispatchQueue(label: "vendingpass.workflow-read-ahead")
    private let group = DispatchGroup()

    /// Runs `work` after every read submitted before it.
    func submit(_ work: @escaping @Sendable () -> Void) {
        group.enter()
        queue.async { [group] in
            work()
            group.leave()
        }
    }

    /// Waits until every submitted read is done.
    func drain() {
        group.wait()
    }
}
