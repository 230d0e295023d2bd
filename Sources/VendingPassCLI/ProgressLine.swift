/// A one-line progress report on standard error that redraws itself, shown only on a terminal.
struct ProgressLine {
    private let label: String
    private let console: Console
    private let isShown: Bool
    private var lastPercent = -1

    /// A progress line; silent when `quiet` is set or standard error is not a terminal.
    init(_ label: String, console: Console = .current, quiet: Bool = false) {
        self.label = label
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
        console.writeError("\r\(label) [\(bar)] \(percent)% (\(done)/\(total))")
    }

    /// Clears the line.
    func finish() {
        guard isShown, lastPercent >= 0 else { return }
        console.writeError("\r\u{1B}[2K")
    }
}
