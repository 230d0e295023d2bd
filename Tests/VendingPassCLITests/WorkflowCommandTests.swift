import Foundation
import TestSupport
import Testing

@Suite struct WorkflowCommandTests {
    let machine = ProjectPaths.file("Scenarios/workflows/vending-pass.asl.json")
    let mocks = ProjectPaths.file("Scenarios/workflows/vending-pass.mocks.json")

    @Test func validateSaysValidOrListsEveryProblem() async throws {
        let valid = await CommandRun.vendingpass("workflow", "validate", machine)
        #expect(valid.status == 0)
        #expect(valid.output.hasSuffix("vending-pass.asl.json: valid (5 states)\n"))

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let broken = try directory.write(
            #"{"StartAt":"CountPoints","States":{"CountPoints":{"Type":"Task","Resource":"r","Next":"Wiat"},"Wait":{"Type":"Wait","Seconds":90,"Timestamp":"x","End":true}}}"#,
            to: "broken.asl.json"
        )
        let invalid = await CommandRun.vendingpass("workflow", "validate", broken)
        #expect(invalid.status == 2)
        #expect(invalid.error.contains(#"broken.asl.json: /States/CountPoints/Next: no state named "Wiat" (did you mean "Wait"?)"#))
        #expect(invalid.error.contains("broken.asl.json: /States/Wait: has Seconds and Timestamp; a Wait state takes exactly one of them"))

        let notJSON = try directory.write("{", to: "half.json")
        let unreadable = await CommandRun.vendingpass("workflow", "validate", notJSON)
        #expect(unreadable.status == 2)
        #expect(unreadable.error.contains("is not valid JSON: line 1, column 2"))

        let json = await CommandRun.vendingpass("workflow", "validate", broken, "--json")
        #expect(json.status == 2)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let problems = (report["problems"] as? [[String: String]]) ?? []
        #expect(problems.contains(["location": "/States/CountPoints/Next", "message": #"no state named "Wiat" (did you mean "Wait"?)"#]))
        #expect(problems.count == 3, "the misspelt Next, the two Wait fields, and Wait unreachable because of the misspelling")
        #expect(problems.contains(["location": "/States/Wait", "message": "is not reachable from StartAt"]))
        let validJSON = await CommandRun.vendingpass("workflow", "validate", machine, "--json")
        #expect(validJSON.status == 0)
        let validReport = try JSONSerialization.jsonObject(with: Data(validJSON.output.utf8)) as? [String: Any]
        #expect(validReport?["valid"] as? Bool == true)
        #expect(validReport?["states"] as? Int == 5)
    }

    @Test func runPrintsTheOutputOrTheErrorWithItsExitStatus() async throws {
        let input = #"{"id":"e-1","participant":"vp-1"}"#
        let success = await CommandRun.vendingpass("workflow", "run", machine, "--input", input, "--mocks", mocks, "--test-case", "HappyPath", "--json")
        #expect(success.status == 0)
        let output = try JSONSerialization.jsonObject(with: Data(success.output.utf8)) as? [String: Any]
        #expect((output?["update"] as? [String: Any])?["points"] as? Int == 11)

        let failure = await CommandRun.vendingpass("workflow", "run", machine, "--input", input, "--mocks", mocks, "--test-case", "FailurePath", "--json")
        #expect(failure.status == 1)
        #expect(failure.output == #"{"error":"Backend.UnknownParticipant","cause":"No member vp-000000 in the legacy backend."}"# + "\n")

        let badInput = await CommandRun.vendingpass("workflow", "run", machine, "--input", "{nope")
        #expect(badInput.status == 64)
        #expect(badInput.error.contains("--input is not valid JSON"))
        #expect(badInput.error.contains("Usage: vendingpass workflow run <file>"))

        let unmocked = await CommandRun.vendingpass("workflow", "run", machine, "--input", input)
        #expect(unmocked.status == 1)
        #expect(unmocked.error.contains("hint: without --mocks FILE --test-case NAME no Task state has an answer"))

        let unknownCase = await CommandRun.vendingpass("workflow", "run", machine, "--mocks", mocks, "--test-case", "Nope")
        #expect(unknownCase.status == 2)
        #expect(unknownCase.error.contains("has no test case 'Nope' for 'vending-pass' (it has FailurePath, HappyPath, RetryPath)"))
    }

    @Test func aWaitOfAYearReturnsAtOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let year = try directory.write(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}"#, to: "year.asl.json")
        let run = await CommandRun.vendingpass("workflow", "run", year, "--input", #"{"a":1}"#, "--json")
        #expect(run.status == 0)
        #expect(run.output == #"{"a":1}"# + "\n")
    }

    @Test func executionsCanBeListedShownAndTraced() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("runs.sqlite")
        let run = await CommandRun.vendingpass(
            "workflow", "run", machine, "--input", #"{"id":"e-7","participant":"vp-1"}"#, "--mocks", mocks, "--test-case", "RetryPath", "--name", "e-7",
            "--db", database
        )
        #expect(run.status == 0)

        let list = await CommandRun.vendingpass("executions", "list", "--db", database)
        #expect(list.status == 0)
        #expect(list.output.contains("e-7   vending-pass   SUCCEEDED"))

        let show = await CommandRun.vendingpass("executions", "show", "e-7", "--db", database, "--json")
        let shown = try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any]
        #expect(shown?["status"] as? String == "SUCCEEDED")
        #expect(shown?["stateTransitions"] as? Int == 3)

        let history = await CommandRun.vendingpass("executions", "history", "e-7", "--db", database, "--json")
        let events = try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [[String: Any]] ?? []
        let types = events.compactMap { $0["type"] as? String }
        #expect(types.filter { $0 == "TaskFailed" }.count == 2, "RetryPath: the backend is busy twice")
        #expect(types.last == "ExecutionSucceeded")

        let unknown = await CommandRun.vendingpass("executions", "show", "e-8", "--db", database)
        #expect(unknown.status == 1)
        #expect(unknown.error == "error: no execution 'e-8' in \(database)\n")

        let failure = await CommandRun.vendingpass(
            "workflow", "run", machine, "--input", #"{"id":"e-8","participant":"vp-0"}"#, "--mocks", mocks, "--test-case", "FailurePath", "--name", "e-8",
            "--db", database, "--json"
        )
        #expect(failure.status == 1)
        let failed = await CommandRun.vendingpass("executions", "list", "--status", "failed", "--db", database, "--json")
        let failedNames = (try JSONSerialization.jsonObject(with: Data(failed.output.utf8)) as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(failedNames == ["e-8"])
        let succeeded = await CommandRun.vendingpass("executions", "list", "--status", "SUCCEEDED", "--db", database)
        #expect(succeeded.output.contains("e-7") && !succeeded.output.contains("e-8"))
    }
}
