import Dispatch

/// Runs work on a thread beside the engine's, one item at a time and in order, and waits for it: the
/// writer's group commits (``BatchWriter``) and the read-ahead of executions and timers.
final class BackgroundQueue: Sendable {
    private let queue: DispatchQueue
    private let group = DispatchGroup()

    /// A queue whose thread carries `label`.
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `work` after everything submitted before it.
    func submit(_ work: @escaping @Sendable () -> Void) {
        group.enter()
        queue.async { [group] in
            work()
            group.leave()
        }
    }

    /// Waits until everything submitted is done.
    func drain() {
        group.wait()
    }
}
