import Dispatch
import Foundation
import Simulation
import Synchronization

/// Removes the database a command is writing when the command is interrupted (Ctrl-C, `kill`), then
/// exits with the shell's status for the signal. An interrupted replay would otherwise leave a
/// half-written file, which the next run refuses as existing.
final class InterruptCleanup: Sendable {
    private let writing = Mutex<String?>(nil)
    private let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Starts handling the signals; until ``stop(_:)``, a signal removes the file being written and exits.
    func start() -> [any DispatchSourceSignal] {
        signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                if let path = writing.withLock({ $0 }) { Replay.removeFiles(ofDatabase: path) }
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Says which database is being written now (nil once it is complete).
    func setWriting(_ path: String?) {
        writing.withLock { $0 = path }
    }

    /// Stops handling the signals: they act as by default again.
    func stop(_ sources: [any DispatchSourceSignal]) {
        sources.forEach { $0.cancel() }
        signals.forEach { signal($0, SIG_DFL) }
    }
}
