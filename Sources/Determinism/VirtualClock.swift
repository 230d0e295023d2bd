import HeapModule
import Synchronization

/// A clock whose time moves only when nothing is runnable: it then jumps to the next due item.
///
/// Work runs one item at a time in (due time, order of scheduling), and each job runs until it finishes
/// or sleeps on this clock before the next starts, so one set of inputs always gives the same run.
/// A job must therefore never wait for another job except through this clock. The loop and every job
/// run on one thread that the clock owns, so handing work from one to the next wakes no other thread.
///
/// ```swift
/// let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 0))
/// clock.spawn { await clock.sleep(for: .seconds(90)); print(clock.now) }   // 90000ms
/// await clock.run()                                                         // returns at once in real time
/// ```
public final class VirtualClock: SimulationClock {
    /// What an item does. Continuations here are unsafe ones (a checked continuation allocates a guard
    /// object at every sleep): each is kept in exactly one place, a queue slot or `idle`, and taken out
    /// of it before it is resumed, so none is resumed twice.
    private enum Work {
        case resume(UnsafeContinuation<Void, Never>)
        case call(@Sendable () -> Void)
        case job(@Sendable () async -> Void)
    }

    /// An entry of the queue: when, and in which order, the work in `slot` runs. Plain integers, so the
    /// heap moves them without reference counting; the work itself stays put in its slot.
    private struct Item: Comparable {
        let due: Instant
        let order: UInt64
        let slot: Int

        static func < (lhs: Item, rhs: Item) -> Bool {
            (lhs.due.millisecondsSinceEpoch, lhs.order) < (rhs.due.millisecondsSinceEpoch, rhs.order)
        }
    }

    private struct State {
        var now: Instant
        var order: UInt64 = 0
        var queue = Heap<Item>()
        /// The work of each queued item, by slot; slots are reused once their work has run.
        var works: [Work?] = []
        var freeSlots: [Int] = []
        var idle: UnsafeContinuation<Void, Never>?
        /// The deadline of the run in progress (nil: none, or no limit).
        var deadline: Instant?
        var itemsRun = 0
    }

    private let state: Mutex<State>
    /// Runs the loop and every job; a job asleep when a run stops at its deadline wakes on it in the next run.
    private let thread = SimulationThread()

    /// A clock that starts at `start`.
    public init(start: Instant) {
        state = Mutex(State(now: start))
    }

    deinit {
        thread.stop()
    }

    public var now: Instant { state.withLock { $0.now } }

    /// Items run so far: jobs started, sleepers resumed and scheduled calls.
    public var itemsRun: Int { state.withLock { $0.itemsRun } }

    /// Items waiting to run.
    public var pendingItems: Int { state.withLock { $0.queue.count } }

    /// Runs every item, moving time forward, until none is left.
    public func run() async {
        await run(until: nil)
    }

    /// Runs items due up to `deadline` (all of them when nil); time ends at the last item run, or at the deadline.
    public func run(until deadline: Instant?) async {
        await withTaskExecutorPreference(thread) { await runItems(until: deadline) }
        if let deadline { state.withLock { $0.now = max($0.now, deadline) } }
    }

    /// The loop of ``run(until:)``, on the clock's thread, as are the jobs it starts.
    private func runItems(until deadline: Instant?) async {
        state.withLock { $0.deadline = deadline }
        defer { state.withLock { $0.deadline = nil } }
        while let work = next() {
            switch work {
            case .call(let action):
                action()
            case .job(let job):
                await withUnsafeContinuation { idle in
                    state.withLock { $0.idle = idle }
                    Task(executorPreference: thread) {
                        await job()
                        self.signalIdle()
                    }
                }
            case .resume(let sleeper):
                await withUnsafeContinuation { idle in
                    state.withLock { $0.idle = idle }
                    sleeper.resume()
                }
            }
        }
    }

    /// Sleeps until `instant`. When the next item is another sleeper, it is woken here directly rather
    /// than by the loop (which would take it next anyway): one hand-over between tasks instead of two.
    public func sleep(until instant: Instant) async {
        await withUnsafeContinuation { sleeper in
            let wake = state.withLock { state in
                enqueue(&state, at: instant, .resume(sleeper))
                guard state.idle != nil else { return nil as UnsafeContinuation<Void, Never>? }
                return Self.takeSleeper(&state) ?? state.idle.take()
            }
            wake?.resume()
        }
    }

    /// The next item's sleeper, taken off the queue as the loop would take it, when the next item is a
    /// sleeper due within the run's deadline.
    private static func takeSleeper(_ state: inout State) -> UnsafeContinuation<Void, Never>? {
        guard isNextDue(state), let first = state.queue.min, case .resume = state.works[first.slot], case .resume(let sleeper) = takeNext(&state)
        else { return nil }
        return sleeper
    }

    public func schedule(at instant: Instant, _ action: @escaping @Sendable () -> Void) {
        state.withLock { enqueue(&$0, at: instant, .call(action)) }
    }

    public func spawn(_ job: @escaping @Sendable () async -> Void) {
        state.withLock { enqueue(&$0, at: $0.now, .job(job)) }
    }

    private func enqueue(_ state: inout State, at instant: Instant, _ work: Work) {
        state.order += 1
        let slot: Int
        if let free = state.freeSlots.popLast() {
            slot = free
            state.works[slot] = work
        } else {
            slot = state.works.count
            state.works.append(work)
        }
        state.queue.insert(Item(due: max(instant, state.now), order: state.order, slot: slot))
    }

    /// The next item's work, taken off the queue, when one is due within the run's deadline.
    private func next() -> Work? {
        state.withLock { state in Self.isNextDue(state) ? Self.takeNext(&state) : nil }
    }

    private static func isNextDue(_ state: State) -> Bool {
        guard let first = state.queue.min else { return false }
        return state.deadline.map { first.due <= $0 } ?? true
    }

    /// Takes the first item off the queue: time moves to it, and its slot is free again.
    private static func takeNext(_ state: inout State) -> Work? {
        let item = state.queue.removeMin()
        state.now = max(state.now, item.due)
        state.itemsRun += 1
        state.freeSlots.append(item.slot)
        return state.works[item.slot].take()
    }

    private func signalIdle() {
        state.withLock { $0.idle.take() }?.resume()
    }
}
