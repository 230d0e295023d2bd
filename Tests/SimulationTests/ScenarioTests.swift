import Foundation
import Simulation
import TestSupport
import Testing

@Suite struct ScenarioTests {
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: ProjectPaths.file("Scenarios"))) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test func theScenariosFolderHasTheStoriesScenarios() {
        #expect(Set(Self.files).isSuperset(of: ["quickstart.yaml", "story.yaml", "burst.yaml", "duplicates.yaml", "failures.yaml", "fleet-day.yaml"]))
    }

    /// Runs the strategies a scenario's expectations name, and checks every expectation.
    @Test(arguments: files)
    func passesItsExpectations(_ file: String) async throws {
        let scenario = try Scenario.load(from: ProjectPaths.file("Scenarios/" + file))
        #expect(!scenario.expectations.isEmpty, "\(file) states what it must show")
        let trace = try ReplaySource.trace(of: scenario)
        var reports: [ReplayReport] = []
        for strategy in Strategy.allCases where scenario.expectations.contains(where: { $0.strategy == strategy || $0.ratioTo == strategy }) {
            reports.append(try await Replay.run(scenario, trace: trace, options: Replay.Options(scenario: scenario, strategy: strategy)))
        }
        for report in Replay.check(reports, against: scenario.expectations) {
            #expect(report.passed, "\(file) \(report.strategy): \(report.failedExpectations.joined(separator: "; "))")
        }
    }

    @Test func theSameSeedGivesTheSameReport() async throws {
        let scenario = try Scenario.load(from: ProjectPaths.file("Scenarios/duplicates.yaml"))
        let trace = try ReplaySource.trace(of: scenario)
        func json() async throws -> String {
            var lines: [String] = []
            for strategy in Strategy.allCases {
                let report = try await Replay.run(scenario, trace: trace, options: Replay.Options(scenario: scenario, strategy: strategy))
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let object = try JSONSerialization.jsonObject(with: try encoder.encode(report)) as? [String: Any] ?? [:]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object.filter { $0.key != "wallSeconds" }, options: [.sortedKeys]), as: UTF8.self))
            }
            return lines.joined(separator: "\n")
        }
        let first = try await json()
        let second = try await json()
        #expect(first == second, "every field but wallSeconds, the one measured rather than simulated")
    }
}
