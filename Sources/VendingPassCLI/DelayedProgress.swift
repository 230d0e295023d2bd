import Synchronization

/// A progress line that appears only once work has run longer than a second, on a terminal.
final class DelayedProgress: Sendable {
    private let state: Mutex<(line: ProgressLine, started: ContinuousClock.Instant)>

    init(label: String, unit: String, console: Console, quiet: Bool) {
        state = Mutex((ProgressLine(label, unit: unit, console: console, quiet: quiet), ContinuousClock.now))
    }

    func update(done: Int, total: Int) {
        state.withLock { state in
            guard ContinuousClock.now - state.started > .seconds(1) else { return }
            state.line.update(done: done, total: total)
        }
    }

    /// Replaces the bar with `text` (see ``ProgressLine/note(_:)``), once the line is shown.
    func note(_ text: String) {
        state.withLock { state in
            guard ContinuousClock.now - state.started > .seconds(1) else { return }
            state.line.note(text)
        }
    }

    func finish() {
        state.withLock { $0.line.finish() }
    }
}
