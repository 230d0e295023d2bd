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

        @OptionGroup var member: MemberArguments

        func run() async throws {
            let (store, balance) = try member.lookUp()
            if member.json.isEnabled {
                Console.current.print(try JSONOutput.string(ParticipantJSON(balance)))
            } else {
                let history = try store.history(of: balance.participant)
                Console.current.print(ParticipantJSON(balance).card + "\n\n" + HistoryEntryJSON.table(history))
            }
        }
    }

    /// `participants history ID`.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a member's ledger entries in time order, with the points after each."
        )

        @OptionGroup var member: MemberArguments

        func run() async throws {
            let (store, balance) = try member.lookUp()
            let history = try store.history(of: balance.participant)
            Console.current.print(member.json.isEnabled ? try JSONOutput.string(HistoryEntryJSON.entries(history)) : HistoryEntryJSON.table(history))
        }
    }
}

/// The arguments of the commands about one member: `ID [--db PATH] [--json]`.
struct MemberArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The member's Vending Pass id.", valueName: "id"))
    var id: String

    @OptionGroup var database: DatabaseOption
    @OptionGroup var json: JSONFlag

    /// Opens the database and finds the member, or throws a one-line error.
    func lookUp() throws -> (VendingDatabase, MemberBalance) {
        let store = try VendingDatabase.open(at: database.path, createIfMissing: false)
        let participant: ParticipantID
        do {
            participant = try ParticipantID(validating: id)
        } catch {
            throw CLIError.invalidID(kind: "participant id", id: id, reason: error.reason)
        }
        guard let balance = try store.member(participant) else {
            throw CLIError.unknownMember(id: id, database: database.path)
        }
        return (store, balance)
    }
}
