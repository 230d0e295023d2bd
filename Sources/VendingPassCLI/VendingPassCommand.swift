import ArgumentParser

/// `vendingpass`: the root command.
struct VendingPassCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vendingpass",
        abstract: "Simulate the Vending Pass loyalty program and prove that no purchase is lost or counted twice.",
        discussion: """
            Purchase traces are JSON Lines, one event per line (purchase, refund, redemption), or \
            the CSV that generate --format csv writes; see the README for the format.

            Start here:
              vendingpass replay Scenarios/quickstart.yaml --strategy all
              vendingpass ingest Scenarios/traces/quickstart.jsonl
              vendingpass participants list
            """,
        subcommands: [
            ReplayCommand.self, IngestCommand.self, ParticipantsCommand.self, GenerateCommand.self, WorkflowCommand.self, ExecutionsCommand.self,
        ]
    )
}
