import ArgumentParser
import Fleet
import Foundation
import Loyalty

/// `vendingpass generate`: a trace of the simulated NFC vending fleet.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a purchase trace of a simulated fleet of NFC vending machines.",
        discussion: """
            Machines stand at offices, campuses, stations and gyms, each with its own day and week; members \
            tap Apple Pay or Google Pay phones that also carry their Vending Pass (a few loyal heavy users, \
            many occasional ones), others pay with cards. Sales follow the MDB cashless sequence: declined \
            payments leave no event, failed vends produce a refund, empty slots send customers to another \
            slot or away, and members with a free drink on their app redeem it. One seed gives one trace, \
            byte for byte; the trace streams in time order, so a year of a large fleet needs little memory.

            Examples:
              vendingpass generate --machines 20 --participants 200 --days 1 --out day.jsonl --stats
              vendingpass generate --machines 1000 --days 7 --seed 7 --format csv > week.csv
            """
    )

    @Option(help: "Vending machines in the fleet.")
    var machines = 20

    @Option(help: "Members of the Vending Pass program.")
    var participants = 200

    @Option(help: "Days of trading to simulate.")
    var days = 1

    @Option(help: ArgumentHelp("The first instant, RFC 3339 (default 2026-11-23T00:00:00Z, a Monday).", valueName: "time"))
    var start: String?

    @Option(help: "Seed of every random draw: the same seed gives the same trace.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Write the trace to this file (default: standard output).", valueName: "file"))
    var out: String?

    @Option(help: "jsonl (the trace format) or csv (a header line, then the same fields; ingest and replay read both).")
    var format: TraceFormatOption = .jsonl

    @Flag(help: "Print a summary: events by type and by hour, top members, refund rate.")
    var stats = false

    @OptionGroup var json: JSONFlag

    func validate() throws {
        if let problem = try settings().problem { throw ValidationError(problem) }
    }

    func settings() throws -> GeneratorSettings {
        var settings = GeneratorSettings()
        settings.machines = machines
        settings.participants = participants
        settings.days = days
        settings.seed = seed
        if let start {
            do {
                settings.start = try Timestamp(rfc3339: start)
            } catch {
                throw ValidationError("--start \(error.reason)")
            }
        }
        guard participants <= 1 << 24 else { throw ValidationError("--participants is \(participants); at most 16,777,216 are supported") }
        return settings
    }

    func run() async throws {
        let console = Console.current
        var generator = TraceGenerator(settings: try settings())
        var progress = ProgressLine("generating", unit: "hours of trading", console: console)
        if let out {
            try AtomicFile.write(to: out) { handle in
                var sink = FileSink(handle: handle)
                try generator.generate(into: &sink, format: format.value) { progress.update(done: $0, total: $1) }
            }
        } else {
            var sink = ConsoleSink(console: console)
            try generator.generate(into: &sink, format: format.value) { progress.update(done: $0, total: $1) }
        }
        progress.finish()
        guard stats else { return }
        let summary = GenerateSummary(generator.statistics, memberIDs: generator.memberID)
        let text = json.isEnabled ? try JSONOutput.string(summary) : summary.table
        if out == nil { console.printError(text) } else { console.print(text) }
    }
}

/// `--format`.
enum TraceFormatOption: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv

    var value: TraceFormat { self == .jsonl ? .jsonl : .csv }
}

/// Trace bytes to standard output through the console, so that tests can capture them.
struct ConsoleSink: ByteSink {
    let console: Console

    mutating func write(_ bytes: [UInt8]) throws {
        console.write(bytes)
    }
}
