import Foundation
import TestSupport
import Testing

@Suite struct ReplayCommandTests {
    let quickstart = ProjectPaths.file("Scenarios/quickstart.yaml")
    static let contractKeys = [
        "scenario", "strategy", "seed", "events", "duplicatesIgnored", "purchasesCredited", "lostUpdates", "doubleCredits",
        "redemptionsWronglyDenied", "creditLatencySeconds", "backendCalls", "stateTransitions", "billedComputeMs", "costUSD", "virtualSeconds",
        "wallSeconds", "passed",
    ]

    @Test func printsTheContractsKeysAndPasses() async throws {
        let run = await CommandRun.vendingpass("replay", quickstart, "--json")
        #expect(run.status == 0, "\(run.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(Self.contractKeys.filter { report[$0] == nil } == [])
        #expect(report["strategy"] as? String == "orchestrated")
        #expect(Set((report["creditLatencySeconds"] as? [String: Any])?.keys ?? [:].keys) == ["p50", "p90", "p99", "max"])
        #expect(Set((report["costUSD"] as? [String: Any])?.keys ?? [:].keys) == ["compute", "transitions", "total"])
    }

    @Test func allPrintsTheFourSideBySide() async throws {
        let json = await CommandRun.vendingpass("replay", quickstart, "--strategy", "all", "--json")
        #expect(json.status == 0)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["strategy"] as? String } == ["direct", "sleep", "orchestrated", "adaptive"])
        let table = await CommandRun.vendingpass("replay", quickstart, "--strategy", "all")
        #expect(table.output.contains("direct     sleep  orchestrated  adaptive"))
        #expect(table.output.contains("direct lost"))
    }

    @Test func aFailedExpectationExitsOneAndABadScenarioTwo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let strict = try directory.write(
            "trace: \(ProjectPaths.file("Scenarios/traces/quickstart.jsonl"))\nstrategy: direct\nexpect: {lostUpdates: 0}\n", to: "strict.yaml"
        )
        let failed = await CommandRun.vendingpass("replay", strict)
        #expect(failed.status == 1)
        #expect(failed.output.contains("expectation failed: direct.lostUpdates = 0 (line 3): was"))

        let broken = try directory.write("trace: x.jsonl\nwiat: 90s\n", to: "broken.yaml")
        let bad = await CommandRun.vendingpass("replay", broken)
        #expect(bad.status == 2)
        #expect(bad.error.hasPrefix("error: \(broken):2: unknown key 'wiat' in the scenario; did you mean 'wait'?"))

        let unknown = await CommandRun.vendingpass("replay", quickstart, "--strategy", "fastest")
        #expect(unknown.status == 64)
    }

    @Test func theDatabaseStaysForParticipantsAndExecutions() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("run.sqlite")
        #expect(await CommandRun.vendingpass("replay", quickstart, "--db", database).status == 0)
        let members = await CommandRun.vendingpass("participants", "list", "--db", database, "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(members.output.utf8)) as? [[String: Any]])
        #expect(list.count >= 20)
        let executions = await CommandRun.vendingpass("executions", "list", "--db", database, "--limit", "5")
        #expect(executions.output.contains("orchestrated   SUCCEEDED"))
        let again = await CommandRun.vendingpass("replay", quickstart, "--db", database)
        #expect(again.status == 2)
        #expect(again.error.contains("exists; a replay writes a fresh database"))

        let nowhere = await CommandRun.vendingpass("replay", quickstart, "--db", directory.file("missing/run.sqlite"))
        #expect(nowhere.status == 2)
        #expect(nowhere.error.contains("cannot create \(directory.file("missing/run.sqlite")): there is no folder"), "\(nowhere.error)")
    }

    @Test func aReplayThatCannotRunLeavesNoDatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let trace = ProjectPaths.file("Scenarios/traces/quickstart.jsonl")
        let elsewhere = try directory.write("trace: \(trace)\nstrategy: orchestrated\n", to: "elsewhere.yaml")
        let database = directory.file("run.sqlite")
        let missing = await CommandRun.vendingpass("replay", elsewhere, "--db", database)
        #expect(missing.status == 2)
        #expect(missing.error.contains("cannot read the state machine \(directory.file("workflows/vending-pass.asl.json")): no such file; name one with `workflow:`"))
        #expect(!FileManager.default.fileExists(atPath: database))

        let machine = try directory.write(#"{"StartAt": "Count", "States": {"Count": {"Type": "Pass", "Next": "Wiat"}}}"#, to: "broken.asl.json")
        let invalid = try directory.write("trace: \(trace)\nstrategy: orchestrated\nworkflow: \(machine)\n", to: "invalid.yaml")
        let rejected = await CommandRun.vendingpass("replay", invalid, "--db", database)
        #expect(rejected.status == 2)
        #expect(rejected.error.contains("no state named \"Wiat\""), "\(rejected.error)")
        #expect(!FileManager.default.fileExists(atPath: database))

        let fixed = try directory.write("trace: \(trace)\nstrategy: direct\n", to: "fixed.yaml")
        #expect(await CommandRun.vendingpass("replay", fixed, "--db", database).status == 0)
    }
}
