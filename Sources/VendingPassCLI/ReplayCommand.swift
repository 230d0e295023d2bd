import ArgumentParser
import Foundation
import Simulation

/// `vendingpass replay SCENARIO`: the story, measured.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a scenario under a strategy on the virtual clock and report what members would see.",
        discussion: """
            The trace's events go through the purchase topic (duplicates, reordering) to the loyalty \
            handler, which calls the slow legacy backend by its strategy. When every timer has fired, each \
            member's record is compared with the truth computed from the trace alone: lost updates (naming \
            the first few), double credits, wrongly denied redemptions, credit latency, backend calls, state \
            transitions, billed compute and cost.

            Strategies: direct (two calls back to back), sleep (sleep `wait` between them), orchestrated \
            (the Task → Wait → Task state machine) and adaptive (wait only until the count settles, guard \
            the update); all runs the four side by side.

            A trace of 1,000 events or more replays in two shards of whole members, one per core; with \
            --db the second shard's file (PATH.shard1-PID) is merged into PATH at the end and removed. \
            A replay that fails or is interrupted (Ctrl-C) removes the --db file it was writing. \
            A replay longer than a second shows its progress on standard error when it is a terminal \
            (events published, then the last step: merging the shards, comparing with the truth); \
            --json keeps it silent.

            Exit status: 0 when every expectation of the scenario holds, 1 when one does not, 2 on bad input.

            Examples:
              vendingpass replay Scenarios/quickstart.yaml --strategy all
              vendingpass replay Scenarios/story.yaml --strategy sleep --json
              vendingpass replay Scenarios/quickstart.yaml --db run.sqlite && vendingpass participants list --db run.sqlite
            """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenario: String

    @Option(help: ArgumentHelp("direct, sleep, orchestrated, adaptive, or all (default: the scenario's).", valueName: "name"))
    var strategy: String?

    @Option(help: "Seed of every random draw (default: the scenario's).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Keep the run in this new SQLite file, locked to the replay until it ends; with all, one file per strategy (run.sqlite → run.direct.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .customLong("billing-granularity"), help: ArgumentHelp("Lambda's billing granularity: 100ms (2017, the default) or 1ms (today).", valueName: "duration"))
    var billingGranularity: String?

    @Option(name: .customLong("lambda-memory"), help: ArgumentHelp("Lambda's memory size in MB (default: the scenario's, or 128).", valueName: "MB"))
    var lambdaMemory: Int?

    @OptionGroup var json: JSONFlag

    func validate() throws {
        if let strategy, strategy != "all", Strategy(rawValue: strategy) == nil {
            throw ValidationError("--strategy '\(strategy)' is not one of direct, sleep, orchestrated, adaptive, all")
        }
        if let billingGranularity, !["100ms", "1ms"].contains(billingGranularity) {
            throw ValidationError("--billing-granularity is 100ms (the 2017 rule) or 1ms (today's)")
        }
        if let lambdaMemory, lambdaMemory < 128 { throw ValidationError("--lambda-memory is at least 128 (MB)") }
    }

    func run() async throws {
        let console = Console.current
        var loaded = try Scenario.load(from: scenario)
        if let billingGranularity { loaded.billingGranularityMilliseconds = billingGranularity == "1ms" ? 1 : 100 }
        if let lambdaMemory { loaded.lambdaMemoryMegabytes = lambdaMemory }
        let strategies = strategy == "all" ? Strategy.allCases : [strategy.flatMap(Strategy.init(rawValue:)) ?? loaded.strategy]
        let work = ReplaySource.work(of: loaded)
        let reading = DelayedProgress(label: work.label, unit: work.unit, console: console, quiet: json.isEnabled)
        let trace = try ReplaySource.trace(of: loaded) { done, total in reading.update(done: done, total: total) }
        reading.finish()
        var reports: [ReplayReport] = []
        let interrupt = InterruptCleanup()
        let signals = db == nil ? [] : interrupt.start()
        defer { interrupt.stop(signals) }
        for each in strategies {
            var options = Replay.Options(scenario: loaded, strategy: each)
            if let seed { options.seed = seed }
            options.database = db.map { strategies.count > 1 ? Self.path($0, for: each) : $0 }
            let progress = DelayedProgress(label: "replaying \(each.rawValue)", unit: "events", console: console, quiet: json.isEnabled)
            options.progress = { done, total in progress.update(done: done, total: total) }
            options.finishing = { progress.note($0) }
            if let path = options.database, !FileManager.default.fileExists(atPath: path) { interrupt.setWriting(path) }
            reports.append(try await Replay.run(loaded, trace: trace, options: options))
            interrupt.setWriting(nil)
            progress.finish()
        }
        reports = Replay.check(reports, against: loaded.expectations)
        if json.isEnabled {
            console.print(reports.count == 1 ? try JSONOutput.string(reports[0]) : try JSONOutput.string(reports))
        } else {
            console.print(ReplayTable.render(reports, scenario: loaded, trace: scenario))
        }
        if reports.contains(where: { !$0.passed }) { throw SilentExit(status: 1) }
    }

    /// `run.sqlite` → `run.direct.sqlite`.
    static func path(_ path: String, for strategy: Strategy) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent + "." + strategy.rawValue + (url.pathExtension.isEmpty ? "" : "." + url.pathExtension)
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
