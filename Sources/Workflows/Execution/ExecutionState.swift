import Determinism
import JSON
import StatesLanguage

/// Everything the engine knows about one execution: saved as one snapshot, so it resumes after a crash.
struct ExecutionState: Hashable, Sendable {
    let id: String
    let name: String
    let machine: String
    let input: JSONValue
    let startedAt: Instant
    var status: ExecutionStatus = .running
    var output: JSONValue?
    var error: String?
    var cause: String?
    var stoppedAt: Instant?
    var runs = RunTable()
    var nextRunID = 0
    var nextEventID = 1
    var transitions = 0
    /// Timers armed and not yet fired or cancelled.
    var timers: [TimerEntry] = []
    /// History events recorded since the execution was last taken for a commit (never part of a snapshot):
    /// the commit writes them as one chunk without grouping the batch's events by execution.
    var unsavedEvents: [HistoryEvent] = []

    init(id: String, name: String, machine: String, input: JSONValue, startedAt: Instant) {
        self.id = id
        self.name = name
        self.machine = machine
        self.input = input
        self.startedAt = startedAt
    }

    var summary: ExecutionSummary {
        ExecutionSummary(
            id: id, name: name, machine: machine, status: status, input: input, output: output, error: error, cause: cause,
            startedAt: startedAt, stoppedAt: stoppedAt, stateTransitions: transitions
        )
    }

    /// Whether every live run waits only for a timer.
    var isWaitingOnTimers: Bool {
        status == .running && !runs.isEmpty && runs.values.allSatisfy { $0.isWaitingOnTimer || Self.isParent($0) }
    }

    private static func isParent(_ run: Run) -> Bool {
        if case .children = run.phase { true } else { false }
    }
}
