import ArgumentParser
import Fleet
import Loyalty
import Storage

/// `vendingpass ingest TRACE`: applies a trace straight to the ledger, the ground-truth path.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Apply a purchase trace straight to the ledger (no backend, no workflow).",
        discussion: """
            The trace is validated first: if any line is bad, every problem is reported with its \
            line and field, and nothing is applied. Events are applied in time order (ties in file \
            order) in batched transactions. Ingesting the same trace again, or one that overlaps it, \
            changes nothing that was already applied: repeated events count as duplicates.

            Examples:
              vendingpass ingest Scenarios/traces/quickstart.jsonl
              vendingpass ingest day2.jsonl --db loyalty.sqlite --json
            """
    )

    @Argument(help: ArgumentHelp("The trace file: JSON Lines, or the CSV that generate --format csv writes.", valueName: "trace"))
    var trace: String

    @OptionGroup var database: DatabaseOption
    @OptionGroup var json: JSONFlag

    func run() async throws {
        let console = Console.current
        let reading = DelayedProgress(label: "reading", unit: "MiB", console: console, quiet: json.isEnabled)
        let parsed = try TraceFile.read(trace) { read, size in reading.update(done: read >> 20, total: max(1, size >> 20)) }
        reading.finish()
        let store = try VendingDatabase.open(at: database.path, createIfMissing: true)
        var progress = ProgressLine("ingesting", unit: "events", console: console, quiet: json.isEnabled)
        let tally = try store.ingest(parsed, rules: .standard) { done, total in progress.update(done: done, total: total) }
        progress.finish()
        let summary = IngestSummary(trace: trace, database: database.path, tally: tally)
        console.print(json.isEnabled ? try JSONOutput.string(summary) : summary.table)
    }
}

/// What `ingest` prints.
struct IngestSummary: Encodable {
    let trace: String
    let database: String
    let events: Int
    let applied: Int
    let duplicates: Int
    let credited: Int
    let refunds: Int
    let redemptionsAccepted: Int
    let redemptionsDenied: Int

    init(trace: String, database: String, tally: ApplyTally) {
        self.trace = trace
        self.database = database
        events = tally.events
        applied = tally.applied
        duplicates = tally.duplicates
        credited = tally.credited
        refunds = tally.refunds
        redemptionsAccepted = tally.redemptionsAccepted
        redemptionsDenied = tally.redemptionsDenied
    }

    var table: String {
        var table = TextTable([.text("what"), .number("count")])
        table.append(["events", "\(events)"])
        table.append(["applied", "\(applied)"])
        table.append(["duplicates ignored", "\(duplicates)"])
        table.append(["purchases credited", "\(credited)"])
        table.append(["refunds", "\(refunds)"])
        table.append(["redemptions accepted", "\(redemptionsAccepted)"])
        table.append(["redemptions denied", "\(redemptionsDenied)"])
        return "ingested \(trace) into \(database)\n" + table.renderedWithoutHeadings
    }
}
