import Foundation
import Synchronization

/// Where commands write: standard output and standard error, or buffers in tests.
///
/// Commands write through ``Console/current``, a task-local, so that tests can run a command from a
/// string and read what it printed:
/// ```swift
/// let console = Console.capturing()
/// let status = await Console.$current.withValue(console) { await VendingPass.run(["participants", "list"]) }
/// ```
public final class Console: Sendable {
    /// The console commands write to.
    @TaskLocal public static var current = Console(capturing: false)

    private let isCapturing: Bool
    private let captured = Mutex((output: "", error: ""))

    private init(capturing: Bool) {
        isCapturing = capturing
    }

    /// A console that keeps everything written, for tests.
    public static func capturing() -> Console {
        Console(capturing: true)
    }

    /// What was written to standard output (capturing consoles only).
    public var output: String { captured.withLock { $0.output } }

    /// What was written to standard error (capturing consoles only).
    public var errorOutput: String { captured.withLock { $0.error } }

    /// Whether standard error is a terminal, so progress may be drawn on it.
    public var isErrorTerminal: Bool { !isCapturing && isatty(STDERR_FILENO) == 1 }

    /// Writes `text` and a newline to standard output.
    public func print(_ text: String) {
        write(text + "\n", toError: false)
    }

    /// Writes `text` and a newline to standard error.
    public func printError(_ text: String) {
        write(text + "\n", toError: true)
    }

    /// Writes `text` as is to standard error (for progress lines that redraw themselves).
    public func writeError(_ text: String) {
        write(text, toError: true)
    }

    /// Writes raw bytes to standard output (a generated trace, say).
    public func write(_ bytes: [UInt8]) {
        if isCapturing {
            captured.withLock { $0.output += String(decoding: bytes, as: UTF8.self) }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    private func write(_ text: String, toError: Bool) {
        if isCapturing {
            captured.withLock { toError ? $0.error.append(text) : $0.output.append(text) }
        } else {
            (toError ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.utf8))
        }
    }
}
