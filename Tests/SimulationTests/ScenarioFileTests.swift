import Simulation
import TestSupport
import Testing

@Suite struct ScenarioFileTests {
    func error(_ yaml: String) throws -> ScenarioError? {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(TraceLines.join([TraceLines.purchase("p-1", by: "vp-1", at: "08:00:00")]), to: "trace.jsonl")
        let path = try directory.write(yaml, to: "bad.yaml")
        do {
            _ = try Scenario.load(from: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func namesTheLineOfAnUnknownKey() throws {
        let problem = try #require(try error("name: x\ntrace: trace.jsonl\nbackend:\n  settle: {min: 5s, max: 80s}\n  latncy: {min: 1ms, max: 2ms}\n"))
        #expect(problem.line == 5)
        #expect(problem.message == "unknown key 'latncy' in backend; did you mean 'latency'? (expected settle, latency, failures)")
        #expect(problem.description.hasSuffix("bad.yaml:5: unknown key 'latncy' in backend; did you mean 'latency'? (expected settle, latency, failures)"))
    }

    @Test func namesTheLineOfABadValue() throws {
        #expect(try error("trace: trace.jsonl\nwait: ninety\n")?.line == 2)
        #expect(try error("trace: trace.jsonl\nwait: ninety\n")?.message == "wait must be a duration with a unit, such as 150ms, 90s, 2m or 1h")
        #expect(try error("trace: trace.jsonl\ndelivery: {duplicates: 1.5}\n")?.message == "delivery.duplicates is 1.5; it must be between 0 and 1")
        #expect(try error("trace: trace.jsonl\nstrategy: fastest\n")?.message == "strategy 'fastest' is not one of direct, sleep, orchestrated, adaptive")
        #expect(try error("trace: trace.jsonl\nexpect: {lostUpdates: {around: 1}}\n")?.message.contains("unknown key 'around'") == true)
        #expect(try error("trace: trace.jsonl\nexpect: {lostUpdates: {around: 1}}\n")?.message.contains("did you mean") == false, "no hint when no name is close")
        #expect(try error("trace: trace.jsonl\nbackend:\n  settle: {min: 80s, max: 5s}\n")?.message == "backend.settle.min is larger than backend.settle.max")
    }

    @Test func needsExactlyOneSource() throws {
        #expect(try error("name: x\n")?.message == "a scenario needs trace (a file) or generate (fleet settings)")
        #expect(try error("trace: trace.jsonl\ngenerate: {machines: 2}\n")?.line == 2)
        #expect(try error("generate: {machines: 0}\n")?.message == "generate.machines is 0; it must be at least 1")
    }

    @Test func acceptsGeneratedTraffic() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let scenario = try Scenario.load(from: try directory.write("generate: {machines: 3, participants: 30, days: 1, rates: {vendFailure: 0.2}}\n", to: "g.yaml"))
        guard case .generate(let settings) = scenario.source else {
            Issue.record("not generated")
            return
        }
        #expect(settings.machines == 3)
        #expect(settings.rates.vendFailure == 0.2)
        #expect(try ReplaySource.trace(of: scenario).events.count > 10)
    }
}
