import Fleet
import Foundation
import LegacyBackend
import Loyalty
import Yams

extension YAMLReader {
    static let topLevel = [
        "name", "description", "seed", "program", "trace", "generate", "delivery", "backend", "strategy", "workflow", "adaptiveWorkflow", "wait",
        "expect", "cost",
    ]

    mutating func scenario(_ top: Node.Mapping, folder: String) throws(ScenarioError) -> Scenario {
        let root = Node.mapping(top)
        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var source: Scenario.Source?
        var scenario = Scenario(
            file: file, name: name, source: .trace(path: ""), workflow: folder + "/workflows/vending-pass.asl.json",
            adaptiveWorkflow: folder + "/workflows/adaptive.asl.json"
        )
        var expectNode: Node?
        for member in try members(root, of: "the scenario", allowed: Self.topLevel) {
            switch member.key {
            case "name": name = try string(member.node, "name")
            case "description": _ = try string(member.node, "description")
            case "seed": scenario.seed = UInt64(try integer(member.node, "seed", minimum: 0))
            case "program": scenario.rules = try program(member.node)
            case "trace":
                guard source == nil else { throw fail(at: member.keyNode, "a scenario takes trace or generate, not both") }
                source = .trace(path: Self.resolve(try string(member.node, "trace"), in: folder))
            case "generate":
                guard source == nil else { throw fail(at: member.keyNode, "a scenario takes trace or generate, not both") }
                source = .generate(try generate(member.node))
            case "delivery":
                for field in try members(member.node, of: "delivery", allowed: ["duplicates", "reorderWithin"]) {
                    if field.key == "duplicates" {
                        scenario.duplicates = try probability(field.node, "delivery.duplicates")
                    } else {
                        scenario.reorderWithinMilliseconds = try duration(field.node, "delivery.reorderWithin")
                    }
                }
            case "backend": scenario.backend = try backend(member.node)
            case "strategy":
                let text = try string(member.node, "strategy")
                guard let strategy = Strategy(rawValue: text) else {
                    throw fail(at: member.node, "strategy '\(text)' is not one of \(Strategy.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                scenario.strategy = strategy
            case "workflow": scenario.workflow = Self.resolve(try string(member.node, "workflow"), in: folder)
            case "adaptiveWorkflow": scenario.adaptiveWorkflow = Self.resolve(try string(member.node, "adaptiveWorkflow"), in: folder)
            case "wait": scenario.waitMilliseconds = try duration(member.node, "wait")
            case "expect": expectNode = member.node
            default: try cost(member.node, into: &scenario)
            }
        }
        guard let source else { throw fail(at: root, "a scenario needs trace (a file) or generate (fleet settings)") }
        scenario.name = name
        scenario.source = source
        if let expectNode { scenario.expectations = try expectations(expectNode, strategy: scenario.strategy) }
        return scenario
    }

    private static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : folder + "/" + path
    }

    private func program(_ node: Node) throws(ScenarioError) -> ProgramRules {
        var points: Int64 = 1
        var every: Int64 = 10
        for member in try members(node, of: "program", allowed: ["pointsPerPurchase", "freeDrinkEvery"]) {
            let value = Int64(try integer(member.node, "program.\(member.key)", minimum: 1))
            if member.key == "pointsPerPurchase" { points = value } else { every = value }
        }
        do {
            return try ProgramRules(pointsPerPurchase: points, freeDrinkEvery: every)
        } catch {
            throw fail(at: node, error.reason)
        }
    }

    private func generate(_ node: Node) throws(ScenarioError) -> GeneratorSettings {
        var settings = GeneratorSettings()
        for member in try members(node, of: "generate", allowed: ["machines", "participants", "days", "start", "seed", "rates"]) {
            switch member.key {
            case "machines": settings.machines = try integer(member.node, "generate.machines", minimum: 1)
            case "participants": settings.participants = try integer(member.node, "generate.participants", minimum: 0)
            case "days": settings.days = try integer(member.node, "generate.days", minimum: 1)
            case "seed": settings.seed = UInt64(try integer(member.node, "generate.seed", minimum: 0))
            case "start":
                let text = try string(member.node, "generate.start")
                do {
                    settings.start = try Timestamp(rfc3339: text)
                } catch {
                    throw fail(at: member.node, "generate.start \(error.reason)")
                }
            default:
                let names = ["anonymous", "applePay", "denied", "vendFailure", "redemption", "walkAwayWhenSoldOut"]
                for rate in try members(member.node, of: "generate.rates", allowed: names) {
                    let value = try probability(rate.node, "generate.rates.\(rate.key)")
                    switch rate.key {
                    case "anonymous": settings.rates.anonymous = value
                    case "applePay": settings.rates.applePay = value
                    case "denied": settings.rates.denied = value
                    case "vendFailure": settings.rates.vendFailure = value
                    case "redemption": settings.rates.redemption = value
                    default: settings.rates.walkAwayWhenSoldOut = value
                    }
                }
            }
        }
        if let problem = settings.problem { throw fail(at: node, "generate: \(problem)") }
        return settings
    }

    private func backend(_ node: Node) throws(ScenarioError) -> BackendSettings {
        var settings = BackendSettings()
        for member in try members(node, of: "backend", allowed: ["settle", "latency", "failures"]) {
            switch member.key {
            case "settle": settings.settle = try range(member.node, "backend.settle")
            case "latency": settings.latency = try range(member.node, "backend.latency")
            default: settings.failures = try probability(member.node, "backend.failures")
            }
        }
        return settings
    }

    private func cost(_ node: Node, into scenario: inout Scenario) throws(ScenarioError) {
        for member in try members(node, of: "cost", allowed: ["lambdaMemoryMB", "billingGranularity"]) {
            if member.key == "lambdaMemoryMB" {
                scenario.lambdaMemoryMegabytes = try integer(member.node, "cost.lambdaMemoryMB", minimum: 128)
            } else {
                let granularity = try duration(member.node, "cost.billingGranularity")
                guard granularity >= 1 else { throw fail(at: member.node, "cost.billingGranularity must be at least 1ms") }
                scenario.billingGranularityMilliseconds = granularity
            }
        }
    }

    /// `expect:` holds metrics for the scenario's own strategy, and sections per strategy (or `all`).
    private func expectations(_ node: Node, strategy: Strategy) throws(ScenarioError) -> [Expectation] {
        let sections = Strategy.allCases.map(\.rawValue) + ["all"]
        var found: [Expectation] = []
        for member in try members(node, of: "expect", allowed: Expectation.metrics + sections) {
            if let section = Strategy(rawValue: member.key) {
                for check in try members(member.node, of: "expect.\(member.key)", allowed: Expectation.metrics) {
                    found.append(try expectation(check.key, check.node, strategy: section, line: check.keyNode.mark?.line ?? 0))
                }
            } else if member.key == "all" {
                for check in try members(member.node, of: "expect.all", allowed: Expectation.metrics) {
                    for each in Strategy.allCases {
                        found.append(try expectation(check.key, check.node, strategy: each, line: check.keyNode.mark?.line ?? 0))
                    }
                }
            } else {
                found.append(try expectation(member.key, member.node, strategy: strategy, line: member.keyNode.mark?.line ?? 0))
            }
        }
        return found
    }

    /// `lostUpdates: 0`, `lostUpdates: {atLeast: 1}`, `billedComputeMs: {over: orchestrated, atLeast: 100}`.
    private func expectation(_ metric: String, _ node: Node, strategy: Strategy, line: Int) throws(ScenarioError) -> Expectation {
        if node.scalar != nil {
            return Expectation(strategy: strategy, metric: metric, ratioTo: nil, bound: .equal(try number(node, metric)), line: line)
        }
        var bound: Expectation.Bound?
        var over: Strategy?
        for member in try members(node, of: metric, allowed: ["atLeast", "atMost", "equals", "over"]) {
            switch member.key {
            case "atLeast": bound = .atLeast(try number(member.node, "\(metric).atLeast"))
            case "atMost": bound = .atMost(try number(member.node, "\(metric).atMost"))
            case "equals": bound = .equal(try number(member.node, "\(metric).equals"))
            default:
                let text = try string(member.node, "\(metric).over")
                guard let other = Strategy(rawValue: text) else { throw fail(at: member.node, "\(metric).over '\(text)' is not a strategy") }
                over = other
            }
        }
        guard let bound else { throw fail(at: node, "\(metric) needs atLeast, atMost or equals") }
        return Expectation(strategy: strategy, metric: metric, ratioTo: over, bound: bound, line: line)
    }
}
