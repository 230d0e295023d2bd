import ArgumentParser
import JSON
import StatesLanguage
import Storage
import Workflows

/// `vendingpass executions`: inspect workflow executions kept in a database.
struct ExecutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions",
        abstract: "Inspect workflow executions kept in a database.",
        discussion: """
            Examples:
              vendingpass executions list --db run.sqlite
              vendingpass executions list --status failed --db run.sqlite
              vendingpass executions show e-000001 --db run.sqlite
              vendingpass executions history e-000001 --db run.sqlite --json
            An execution is named by its ARN or by its name.
            """,
        subcommands: [List.self, Show.self, History.self]
    )

    /// `executions list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List executions, newest first.")

        @OptionGroup var database: DatabaseOption
        @OptionGroup var json: JSONFlag

        @Option(help: "Show at most this many.")
        var limit = 100

        @Option(help: ArgumentHelp("Only executions with this status.", valueName: "status"))
        var status: ExecutionStatus?

        func run() async throws {
            let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: database.path, createIfMissing: false))
            let executions = try store.executions(limit: limit, status: status)
            if json.isEnabled {
                Console.current.print(JSONValue.array(executions.map(ExecutionJSON.object)).prettyJSONText)
            } else {
                Console.current.print(ExecutionJSON.table(executions))
            }
        }
    }

    /// `executions show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one execution: status, input, output or error.")

        @OptionGroup var execution: ExecutionArguments

        func run() async throws {
            let (_, summary) = try execution.lookUp()
            let object = ExecutionJSON.object(summary)
            Console.current.print(execution.json.isEnabled ? object.prettyJSONText : ExecutionJSON.card(summary))
        }
    }

    /// `executions history ID`.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an execution's history events in order.")

        @OptionGroup var execution: ExecutionArguments

        func run() async throws {
            let (store, summary) = try execution.lookUp()
            let events = try store.history(of: summary.id)
            if execution.json.isEnabled {
                Console.current.print(JSONValue.array(events.map(ExecutionJSON.event)).prettyJSONText)
            } else {
                Console.current.print(ExecutionJSON.historyTable(events))
            }
        }
    }
}

/// `ID [--db PATH] [--json]` for one execution.
struct ExecutionArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The execution's ARN or name.", valueName: "id"))
    var id: String

    @OptionGroup var database: DatabaseOption
    @OptionGroup var json: JSONFlag

    /// Opens the store and finds the execution by ARN, or by name when the name is unique.
    func lookUp() throws -> (SQLiteWorkflowStore, ExecutionSummary) {
        let store = SQLiteWorkflowStore(file: try DatabaseFile.open(at: database.path, createIfMissing: false))
        if let saved = try store.execution(id) { return (store, saved.summary) }
        let named = try store.executions(named: id)
        guard named.count == 1, let summary = named.first else {
            throw CLIError.unknownExecution(id: named.isEmpty ? id : "\(id)' names \(named.count) executions; use its ARN: '\(named[0].id)", database: database.path)
        }
        return (store, summary)
    }
}

extension ExecutionStatus: ExpressibleByArgument {
    /// A status as Step Functions names it (`FAILED`), in any case.
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    /// The statuses `--help` lists.
    public static var allValueStrings: [String] { allCases.map { $0.rawValue.lowercased() } }
}
