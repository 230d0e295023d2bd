import Foundation
import Loyalty
import Simulation
import TestSupport

/// Hand-made scenarios: a trace and a backend with fixed delays, so outcomes can be worked out by hand.
enum ReplayFixture {
    /// A scenario file in `directory` replaying `lines`, with every delay fixed.
    static func scenario(
        _ lines: [String], in directory: TemporaryDirectory, settle: String = "30s", latency: String = "100ms", extra: String = ""
    ) throws -> Scenario {
        try directory.write(TraceLines.join(lines), to: "trace.jsonl")
        let workflows = ProjectPaths.file("Scenarios/workflows")
        let yaml = """
            name: fixture
            seed: 1
            trace: trace.jsonl
            backend:
              settle: {min: \(settle), max: \(settle)}
              latency: {min: \(latency), max: \(latency)}
              failures: 0
            workflow: \(workflows)/vending-pass.asl.json
            adaptiveWorkflow: \(workflows)/adaptive.asl.json
            \(extra)
            """
        return try Scenario.load(from: try directory.write(yaml, to: "fixture.yaml"))
    }

    static func run(_ scenario: Scenario, _ strategy: Strategy) async throws -> ReplayReport {
        try await Replay.run(scenario, trace: try ReplaySource.trace(of: scenario), options: Replay.Options(scenario: scenario, strategy: strategy))
    }
}
