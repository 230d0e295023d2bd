/// A one-line progress report on standard error that redraws itself, shown only on a terminal.
struct ProgressLine {
    private let label: String
    /// What `done` and `total` count, printed after them (`events`).
    private let unit: String
    private let console: Console
    private let isShown: Bool
    private var lastPercent = -1

    /// A progress line counting `unit`; silent when `quiet` is set or standard error is not a terminal.
    init(_ label: String, unit: String, console: Console = .current, quiet: Bool = false) {
        self.label = label
        self.unit = unit
        self.console = console
        self.isShown = !quiet && console.isErrorTerminal
    }

    /// Redraws the line when the percentage changed.
    mutating func update(done: Int, total: Int) {
        guard isShown, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        console.writeError("\r\(label) [\(bar)] \(percent)% (\(done)/\(total) \(unit))")
    }

    /// Replaces the bar with `text`, for a last step whose progress is not counted.
    mutating func note(_ text: String) {
        guard isShown else { return }
        lastPercent = 100
        console.writeError("\r\u{1B}[2K\(label): \(text)")
    }

    /// Clears the line.
    func finish() {
        guard isShown, lastPercent >= 0 else { return }
        console.writeError("\r\u{1B}[2K")
    }
}
