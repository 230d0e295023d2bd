import ArgumentParser
import Loyalty
import Storage

/// `vendingpass participants`: inspect member balances.
struct ParticipantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participants",
        abstract: "Inspect members' balances and ledgers.",
        discussion: """
            Examples:
              vendingpass participants list
              vendingpass participants show vp-7f3a9c
              vendingpass participants history vp-7f3a9c --json
            """,
        subcommands: [List.self, Show.self, History.self]
    )

    /// `participants list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every member's balance, one row per member, ordered by id."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var json: JSONFlag

        func run() async throws {
            let members = try VendingDatabase.open(at: database.path, createIfMissing: false).members()
            Console.current.print(json.isEnabled ? try JSONOutput.string(members.map(ParticipantJSON.init)) : ParticipantJSON.table(members))
        }
    }

    /// `participants show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one member's balance; without --json, with the ledger history too."
        )

        @Argument(help: ArgumentHelp("The member's Vending Pass id.", valueName: "id"))
        var id: String

        @OptionGroup var database: DatabaseOption
        @OptionGroup var json: JSONFlag

        func run() async throws {
            let store = try VendingDatabase.open(at: database.path, createIfMissing: false)
            let participant = try ParticipantLookup.id(id)
            guard let member = try store.member(participant) else {
                throw CLIError.unknownMember(id: id, database: database.path)
            }
            if json.isEnabled {
                Console.current.print(try JSONOutput.string(ParticipantJSON(member)))
            } else {
                let history = try store.history(of: participant)
                Console.current.print(ParticipantJSON(member).card + "\n\n" + HistoryEntryJSON.table(history))
            }
        }
    }

    /// `participants history ID`.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a member's ledger entries in time order, with the points after each."
        )

        @Argument(help: ArgumentHelp("The member's Vending Pass id.", valueName: "id"))
        var id: String

        @OptionGroup var database: DatabaseOption
        @OptionGroup var json: JSONFlag

        func run() async throws {
            let store = try VendingDatabase.open(at: database.path, createIfMissing: false)
            let participant = try ParticipantLookup.id(id)
            guard try store.member(participant) != nil else {
                throw CLIError.unknownMember(id: id, database: database.path)
            }
            let history = try store.history(of: participant)
            Console.current.print(json.isEnabled ? try JSONOutput.string(HistoryEntryJSON.entries(history)) : HistoryEntryJSON.table(history))
        }
    }
}

/// Turns a command-line argument into a participant id, or a clear error.
enum ParticipantLookup {
    static func id(_ text: String) throws -> ParticipantID {
        do {
            return try ParticipantID(validating: text)
        } catch {
            throw CLIError.invalidID(kind: "participant id", id: text, reason: error.reason)
        }
    }
}
