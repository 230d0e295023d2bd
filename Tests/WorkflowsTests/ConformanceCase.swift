import Determinism
import Foundation
import JSON
import StatesLanguage
import TestSupport
import Workflows

/// One pair of a conformance file: a definition, an input, optional mocks and the expected outcome.
struct ConformancePair: CustomStringConvertible, Sendable {
    let file: String
    let index: Int
    let id: String
    let definition: JSONValue
    let input: JSONValue
    let mocks: JSONValue?
    let executionName: String
    let expected: JSONValue

    var description: String { "\(id)[\(index)]" }

    /// Every pair of every `*.json` case file in `directory` (the shared format of `../shared/conformance`).
    static func load(from directory: String) -> [ConformancePair] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return files.flatMap { name -> [ConformancePair] in
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let json = try? JSONParser.parse(String(decoding: data, as: UTF8.self)) else {
                return []
            }
            let id = json["id"]?.stringValue ?? name
            return (json["pairs"]?.arrayValue ?? []).enumerated().map { index, pair in
                ConformancePair(
                    file: path, index: index, id: id, definition: pair["definition"] ?? .null, input: pair["input"] ?? .null, mocks: pair["mocks"],
                    executionName: pair["executionName"]?.stringValue ?? "conformance", expected: pair["expected"] ?? .null
                )
            }
        }
    }

    /// Runs the pair on the virtual clock and says how the outcome differs from the expected one (nil when it matches).
    func mismatch() async throws -> String? {
        let machine = try StateMachine.parse(definition)
        let registry = try mocks.map { try MockConfiguration(parsing: $0.jsonText, file: file).registry(machine: "case", testCase: "Case") } ?? TaskRegistry()
        let (summary, _) = try await LocalRun.execute(
            machine: "case", definition: machine, input: input, executionName: executionName, registry: registry, store: InMemoryWorkflowStore(),
            clock: VirtualClock(start: Instant(millisecondsSinceEpoch: 1_795_507_200_000)), seed: 7
        )
        let status = expected["status"]?.stringValue
        if status == "SUCCEEDED" {
            guard summary.status == .succeeded else { return "expected success, got \(summary.status.rawValue) \(summary.error ?? "") \(summary.cause ?? "")" }
            return summary.output == expected["output"] ? nil : "expected output \(expected["output"]?.jsonText ?? "?"), got \(summary.output?.jsonText ?? "nothing")"
        }
        guard summary.status == .failed else { return "expected failure, got \(summary.status.rawValue) \(summary.output?.jsonText ?? "")" }
        if summary.error != expected["error"]?.stringValue { return "expected error \(expected["error"]?.jsonText ?? "?"), got \(summary.error ?? "none") (\(summary.cause ?? ""))" }
        if let cause = expected["cause"]?.stringValue, cause != summary.cause { return "expected cause '\(cause)', got '\(summary.cause ?? "none")'" }
        return nil
    }
}
