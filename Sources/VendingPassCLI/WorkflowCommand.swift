import ArgumentParser
import Determinism
import Foundation
import JSON
import StatesLanguage
import Storage
import Workflows

/// `vendingpass workflow`: validate and run Amazon States Language state machines.
struct WorkflowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Validate and run Amazon States Language (AWS Step Functions) state machines.",
        discussion: """
            Examples:
              vendingpass workflow validate Scenarios/workflows/vending-pass.asl.json
              vendingpass workflow run Scenarios/workflows/vending-pass.asl.json --input '{"purchase":"e-1"}' \\
                  --mocks Scenarios/workflows/vending-pass.mocks.json --test-case HappyPath
            """,
        subcommands: [Validate.self, Run.self]
    )

    /// `workflow validate FILE`.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a definition and list every problem with its JSON location; exit 0 when valid, 2 when not.",
            discussion: """
                With --json, prints {"file", "valid": true, "states"} or {"file", "valid": false, "problems": \
                [{"location", "message"}]} on standard output, the location a JSON Pointer such as \
                /States/CountPoints/Next.
                """
        )

        @Argument(help: ArgumentHelp("The state machine definition (.asl.json).", valueName: "file"))
        var file: String

        @OptionGroup var json: JSONFlag

        func run() async throws {
            guard json.isEnabled else {
                let machine = try DefinitionFile.load(file)
                Console.current.print("\(file): valid (\(machine.allStates.count) states)")
                return
            }
            do {
                let machine = try StateMachine.parse(try DefinitionFile.read(file))
                let valid: JSONValue = ["file": .string(file), "valid": true, "states": .number(Double(machine.allStates.count))]
                Console.current.print(valid.jsonText)
            } catch let error as DefinitionError {
                let problems: [JSONValue] = error.problems.map { ["location": .string($0.location), "message": .string($0.message)] }
                let invalid: JSONValue = ["file": .string(file), "valid": false, "problems": .array(problems)]
                Console.current.print(invalid.jsonText)
                throw SilentExit(status: 2)
            }
        }
    }

    /// `workflow run FILE`.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one execution on the virtual clock and print its output.",
            discussion: """
                Time is virtual: a Wait of a year returns at once. Task states are answered from a mock file \
                in the shape of Step Functions Local's MockConfigFile; the state machine's name there is the \
                file name without .asl.json or .json. Prints the output JSON and exits 0, or prints \
                {"error": …, "cause": …} and exits 1.
                """
        )

        @Argument(help: ArgumentHelp("The state machine definition (.asl.json).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The execution's input.", valueName: "json"))
        var input = "{}"

        @Option(help: ArgumentHelp("A mock file (Step Functions Local's MockConfigFile format).", valueName: "file"))
        var mocks: String?

        @Option(name: .customLong("test-case"), help: ArgumentHelp("The test case of the mock file to use.", valueName: "name"))
        var testCase: String?

        @Option(help: ArgumentHelp("The execution's name; running a name again returns the first execution.", valueName: "name"))
        var name = "local-run"

        @Option(help: ArgumentHelp("Keep the execution in this SQLite database (default: in memory only).", valueName: "path"))
        var db: String?

        @Option(help: ArgumentHelp("When the virtual clock starts, RFC 3339 (default: now).", valueName: "time"))
        var start: String?

        @Option(help: ArgumentHelp("virtual (Waits return at once) or wall (Waits take real time; needs --db to survive a restart).", valueName: "clock"))
        var clock: ClockKind = .virtual

        @Option(name: .customLong("time-scale"), help: ArgumentHelp("With --clock wall: run time this many times faster (60 turns 90 s into 1.5 s).", valueName: "factor"))
        var timeScale: Double = 1

        @Option(help: "Seed for random choices (retry jitter, States.UUID, States.MathRandom).")
        var seed: UInt64 = 0

        @OptionGroup var json: JSONFlag

        func validate() throws {
            if (mocks == nil) != (testCase == nil) {
                throw ValidationError("--mocks and --test-case go together: name the mock file and the test case to use from it.")
            }
            guard timeScale > 0 else { throw ValidationError("--time-scale must be greater than 0.") }
            if clock == .virtual, timeScale != 1 { throw ValidationError("--time-scale applies to --clock wall only.") }
            if clock == .wall, start != nil { throw ValidationError("--start applies to --clock virtual only: the wall clock starts now.") }
            _ = try inputValue()
        }

        /// The parsed `--input`; a usage error of this command when it is not JSON.
        private func inputValue() throws -> JSONValue {
            do {
                return try JSONParser.parse(input)
            } catch {
                throw ValidationError("--input is not valid JSON: \(error)")
            }
        }

        func run() async throws {
            let definition = try DefinitionFile.load(file)
            let machineName = DefinitionFile.machineName(of: file)
            let inputValue = try inputValue()
            var registry = TaskRegistry()
            if let mocks, let testCase {
                let text = try DefinitionFile.read(mocks)
                registry = try MockConfiguration(parsing: text, file: mocks).registry(machine: machineName, testCase: testCase)
            }
            let runClock: any SimulationClock
            switch clock {
            case .wall:
                runClock = WallClock(scale: timeScale)
            case .virtual:
                if let start {
                    guard let milliseconds = ASLTimestamp.parse(start) else { throw ValidationError("--start '\(start)' is not an RFC 3339 time such as 2026-11-24T08:00:00Z") }
                    runClock = VirtualClock(start: Instant(millisecondsSinceEpoch: milliseconds))
                } else {
                    runClock = VirtualClock(start: WallClock().now)
                }
            }
            let store: any WorkflowStore = try db.map { SQLiteWorkflowStore(file: try DatabaseFile.open(at: $0, createIfMissing: true)) } ?? InMemoryWorkflowStore()
            let (summary, _) = try await LocalRun.execute(
                machine: machineName, definition: definition, input: inputValue, executionName: name, registry: registry, store: store,
                clock: runClock, seed: seed
            )
            let console = Console.current
            if summary.status == .succeeded {
                let output = summary.output ?? .null
                console.print(json.isEnabled ? output.jsonText : output.prettyJSONText)
                return
            }
            let failure: JSONValue = ["error": summary.error.map { $0.isEmpty ? .null : .string($0) } ?? .null, "cause": summary.cause.map { .string($0) } ?? .null]
            console.print(json.isEnabled ? failure.jsonText : failure.prettyJSONText)
            if !json.isEnabled { console.printError("execution \(summary.status.rawValue.lowercased()): \(summary.error ?? "") \(summary.cause ?? "")") }
            if mocks == nil, definition.allStates.values.contains(where: { if case .task = $0.kind { true } else { false } }) {
                console.printError("hint: without --mocks FILE --test-case NAME no Task state has an answer (see Scenarios/workflows/vending-pass.mocks.json)")
            }
            throw SilentExit(status: 1)
        }
    }
}

/// The clock `workflow run` uses.
enum ClockKind: String, ExpressibleByArgument, CaseIterable {
    case virtual
    case wall
}

/// Reading definition files with errors that name the file.
enum DefinitionFile {
    /// The file's text, or a one-line error.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.unreadableFile(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The parsed, validated state machine, or every problem with the file's name.
    static func load(_ path: String) throws -> StateMachine {
        do {
            return try StateMachine.parse(try read(path))
        } catch let error as DefinitionError {
            throw CLIError.invalidDefinition(path: path, problems: error.problems.map(\.description))
        }
    }

    /// The state machine's name: the file name without `.asl.json` or `.json`.
    static func machineName(of path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for suffix in [".asl.json", ".json"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }
}
