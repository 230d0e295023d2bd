import Determinism
import JSON
import StatesLanguage

/// One thread of an execution: the root, or a Parallel branch, or a Map iteration.
struct Run: Hashable, Sendable {
    var id: Int
    /// The run that started this one, and this run's place among its children.
    var parent: Int?
    var slot: Int
    /// Which machine the run walks: "" for the root, "/Parallel#1/Map#0" for nested ones.
    var scope: String
    /// The current state and its raw input.
    var state: String
    var input: JSONValue
    var phase: Phase
    var enteredEventID = 0
    var enteredAt: Instant
    var lastEventID: Int
    /// States entered by this run; part of each task's idempotency key.
    var visits = 0
    /// Attempts used per retrier of the current state, and retries in all.
    var retries: [Int] = []
    var retryCount = 0
    /// Increases whenever the run starts waiting on something, so stale timers and late task results are ignored.
    var token = 0

    /// What a run is doing.
    enum Phase: Hashable, Sendable {
        /// About to enter `state`.
        case ready
        /// In a Wait state until the instant, with the state's effective input.
        case waiting(until: Instant, input: JSONValue)
        /// A task is in flight.
        case task(input: JSONValue, attempt: Int, lastHeartbeat: Instant)
        /// Waiting to retry the current state.
        case retrying(until: Instant)
        /// A Parallel or Map state waits for its child runs.
        case children(Children)
    }

    /// The progress of a Parallel or Map state's children.
    struct Children: Hashable, Sendable {
        /// The state's effective input.
        var input: JSONValue
        /// For a Map, every item's input; empty for a Parallel.
        var items: [JSONValue]
        var results: [JSONValue?]
        var started = 0
        var running = 0
        var completed = 0
        var failures = 0
        var firstError: StatesError?
        var maxConcurrency = 0
        /// Failures tolerated before the state fails.
        var tolerated = 0
        var hasTolerance = false
    }

    /// Whether the run only waits for a timer, so its execution may leave memory once saved.
    var isWaitingOnTimer: Bool {
        switch phase {
        case .waiting, .retrying: true
        default: false
        }
    }
}
