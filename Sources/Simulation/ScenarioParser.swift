import Fleet
import Foundation
import JSON
import LegacyBackend
import Loyalty
import Yams

/// Reads scenario YAML, naming the line of every bad or unknown key.
enum ScenarioParser {
    static func parse(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: nil, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
        } catch let error as YamlError {
            throw ScenarioError(file: path, line: Self.line(of: error), message: "is not valid YAML: \(Self.problem(of: error))")
        } catch {
            throw ScenarioError(file: path, line: nil, message: "is not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else { throw ScenarioError(file: path, line: root?.mark?.line, message: "must be a mapping of settings") }
        var reader = YAMLReader(file: path)
        return try reader.scenario(top, folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}

/// Typed reads of YAML nodes, with errors at their lines.
struct YAMLReader {
    let file: String

    private func fail(_ node: Node?, _ message: String) -> ScenarioError {
        ScenarioError(file: file, line: node?.mark?.line, message: message)
    }

    /// The members of a mapping, refusing keys not in `allowed`.
    func members(_ node: Node, of what: String, allowed: [String]) throws(ScenarioError) -> [(key: String, node: Node, keyNode: Node)] {
        guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping") }
        var members: [(key: String, node: Node, keyNode: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw fail(key, "keys of \(what) must be names") }
            guard allowed.contains(name) else {
                let hint = EditDistance.suggestion(for: name, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw fail(key, "unknown key '\(name)' in \(what)\(hint) (expected \(allowed.joined(separator: ", ")))")
            }
            members.append((name, value, key))
        }
        return members
    }

    func string(_ node: Node, _ what: String) throws(ScenarioError) -> String {
        guard let text = node.scalar?.string, !text.isEmpty else { throw fail(node, "\(what) must be text") }
        return text
    }

    func number(_ node: Node, _ what: String) throws(ScenarioError) -> Double {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else { throw fail(node, "\(what) must be a number") }
        return value
    }

    func integer(_ node: Node, _ what: String, minimum: Int) throws(ScenarioError) -> Int {
        guard let text = node.scalar?.string, let value = Int(text) else { throw fail(node, "\(what) must be a whole number") }
        guard value >= minimum else { throw fail(node, "\(what) is \(value); it must be at least \(minimum)") }
        return value
    }

    func probability(_ node: Node, _ what: String) throws(ScenarioError) -> Double {
        let value = try number(node, what)
        guard (0...1).contains(value) else { throw fail(node, "\(what) is \(Expectation.format(value)); it must be between 0 and 1") }
        return value
    }

    func duration(_ node: Node, _ what: String) throws(ScenarioError) -> Int64 {
        guard let text = node.scalar?.string, let milliseconds = DurationText.milliseconds(text) else {
            throw fail(node, "\(what) must be a duration with a unit, such as 150ms, 90s, 2m or 1h")
        }
        return milliseconds
    }

    func range(_ node: Node, _ what: String) throws(ScenarioError) -> ClosedRange<Int64> {
        var minimum: Int64?
        var maximum: Int64?
        for member in try members(node, of: what, allowed: ["min", "max"]) {
            if member.key == "min" { minimum = try duration(member.node, "\(what).min") } else { maximum = try duration(member.node, "\(what).max") }
        }
        guard let minimum, let maximum else { throw fail(node, "\(what) needs both min and max") }
        guard minimum <= maximum else { throw fail(node, "\(what).min is larger than \(what).max") }
        return minimum...maximum
    }

    func fail(at node: Node, _ message: String) -> ScenarioError { fail(node, message) }
}
