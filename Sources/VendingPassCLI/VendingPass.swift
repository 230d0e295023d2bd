import ArgumentParser
import Fleet
import GRDB
import Loyalty
import Storage
import Simulation
import Workflows

/// Runs the `vendingpass` command line.
public enum VendingPass {
    /// Parses `arguments` (without the program name), runs the command and returns its exit status.
    ///
    /// Errors the user can fix are printed as one clear message on standard error, never a stack trace:
    /// exit 2 for bad input (a bad trace, an unusable database file), 1 for a failure such as an
    /// unknown member, and argument-parser's own statuses for usage errors and `--help`.
    public static func run(_ arguments: [String]) async -> Int32 {
        MallocArenas.limitForThisProcess()
        let console = Console.current
        do {
            var command = try VendingPassCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as SilentExit {
            return exit.status
        } catch {
            if let (message, status) = describe(error) {
                console.printError("error: \(message)")
                return status
            }
            let status = VendingPassCommand.exitCode(for: error)
            let message = VendingPassCommand.fullMessage(for: error)
            if status.isSuccess {
                console.print(message)
            } else if !message.isEmpty {
                console.printError(message)
            }
            return status.rawValue
        }
    }

    /// The message and exit status for the project's own errors; nil for argument-parser's.
    private static func describe(_ error: any Error) -> (String, Int32)? {
        switch error {
        case let error as TraceError: ("\(error)", 2)
        case let error as TraceFileError: ("\(error)", 2)
        case let error as StorageError:
            if case .missingDatabase = error { ("\(error)", 1) } else { ("\(error)", 2) }
        case let error as CLIError: ("\(error)", error.exitStatus)
        case let error as DatabaseError: ("database: \(error.message ?? "\(error)")", 1)
        case let error as MockConfigurationError: ("\(error)", 2)
        case let error as WorkflowEngineError: ("\(error)", 1)
        case let error as ScenarioError: ("\(error)", 2)
        case let error as ReplayError: ("\(error)", 2)
        default: nil
        }
    }
}
