import DequeModule
import Foundation

/// One thread that runs every task of a virtual clock's run, one job at a time.
///
/// On the global executor each hand-off between the clock's loop and a job (a sleep, a resume) wakes a
/// thread of the pool and moves the work across cores; here it is a push and a pop on one queue, on
/// the thread that is already running. Only one job ever runs at a time on a virtual clock anyway.
final class SimulationThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs = Deque<UnownedJob>()
    /// Guarded by `condition`: set by ``stop()``; the thread leaves once the queue is empty.
    private var stopping = false

    /// Starts the thread.
    init() {
        let thread = Thread { [self] in loop() }
        thread.name = "vendingpass.virtual-clock"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once it has run every job queued (when its clock goes away).
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while let job = next() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func next() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty {
            if stopping { return nil }
            condition.wait()
        }
        return jobs.removeFirst()
    }
}
