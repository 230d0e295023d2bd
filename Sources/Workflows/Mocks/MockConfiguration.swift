import JSON
import StatesLanguage
import Synchronization

/// A mock file in the shape of Step Functions Local's `MockConfigFile.json`: test cases per state machine,
/// each mapping Task state names to mocked responses, which list per invocation index a `Return` or a `Throw`.
///
/// ```json
/// {"StateMachines": {"vending-pass": {"TestCases": {"HappyPath": {"CountPoints": "CountOK"}}}},
///  "MockedResponses": {"CountOK": {"0": {"Throw": {"Error": "Backend.Unavailable", "Cause": "busy"}},
///                                  "1-2": {"Return": {"counted": true}}}}}
/// ```
/// Invocation indexes count the calls of one state in one execution, retries included, from 0.
public struct MockConfiguration: Sendable {
    /// One mocked outcome.
    public enum Response: Hashable, Sendable {
        case returns(JSONValue)
        case throwsError(error: String, cause: String?)
    }

    private let testCases: [String: [String: [String: String]]]
    private let responses: [String: [(range: ClosedRange<Int>, response: Response)]]

    /// Parses a mock file's JSON text; `file` names it in errors.
    public init(parsing text: String, file: String) throws(MockConfigurationError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw MockConfigurationError(file: file, message: "is not valid JSON: \(error)")
        }
        var testCases: [String: [String: [String: String]]] = [:]
        for (machine, machineJSON) in json["StateMachines"]?.objectValue ?? JSONObject() {
            for (testCase, mapping) in machineJSON["TestCases"]?.objectValue ?? JSONObject() {
                guard let mapping = mapping.objectValue else {
                    throw MockConfigurationError(file: file, message: "/StateMachines/\(machine)/TestCases/\(testCase) must map state names to mocked responses")
                }
                testCases[machine, default: [:]][testCase] = Dictionary(uniqueKeysWithValues: mapping.compactMap { member in
                    member.value.stringValue.map { (member.key, $0) }
                })
            }
        }
        var responses: [String: [(range: ClosedRange<Int>, response: Response)]] = [:]
        for (name, byIndex) in json["MockedResponses"]?.objectValue ?? JSONObject() {
            for (key, entry) in byIndex.objectValue ?? JSONObject() {
                let location = "/MockedResponses/\(name)/\(key)"
                let bounds = key.split(separator: "-").compactMap { Int($0) }
                guard (1...2).contains(bounds.count), bounds.count == key.split(separator: "-").count, bounds[0] <= bounds[bounds.count - 1] else {
                    throw MockConfigurationError(file: file, message: "\(location): '\(key)' is not an invocation index such as 0 or 1-2")
                }
                let response: Response
                if let value = entry["Return"] {
                    response = .returns(value)
                } else if let thrown = entry["Throw"], let error = thrown["Error"]?.stringValue {
                    response = .throwsError(error: error, cause: thrown["Cause"]?.stringValue)
                } else {
                    throw MockConfigurationError(file: file, message: "\(location) needs a Return, or a Throw with an Error")
                }
                responses[name, default: []].append((bounds[0]...bounds[bounds.count - 1], response))
            }
        }
        self.testCases = testCases
        self.responses = responses
    }

    /// A registry whose handlers answer from `testCase` of the state machine `machine`.
    public func registry(machine: String, testCase: String) throws(MockConfigurationError) -> TaskRegistry {
        guard let cases = testCases[machine] else {
            throw MockConfigurationError(file: nil, message: "has no state machine '\(machine)' (it has \(testCases.keys.sorted().joined(separator: ", ")))")
        }
        guard let mapping = cases[testCase] else {
            throw MockConfigurationError(file: nil, message: "has no test case '\(testCase)' for '\(machine)' (it has \(cases.keys.sorted().joined(separator: ", ")))")
        }
        for (state, response) in mapping where responses[response] == nil {
            throw MockConfigurationError(file: nil, message: "maps state '\(state)' to '\(response)', which is not among the MockedResponses")
        }
        let responses = self.responses
        let counters = Mutex([String: Int]())
        var registry = TaskRegistry()
        registry.registerImmediateFallback { invocation in
            guard let responseName = mapping[invocation.stateName], let entries = responses[responseName] else {
                throw TaskFailure(error: StatesError.taskFailed, cause: "Test case '\(testCase)' has no mocked response for the Task state '\(invocation.stateName)'.")
            }
            let index = counters.withLock { counters in
                let key = invocation.executionID + "\u{0}" + invocation.stateName
                defer { counters[key, default: 0] += 1 }
                return counters[key, default: 0]
            }
            guard let entry = entries.first(where: { $0.range.contains(index) }) else {
                throw TaskFailure(error: StatesError.taskFailed, cause: "The mocked response '\(responseName)' has no entry for invocation \(index).")
            }
            switch entry.response {
            case .returns(let value): return value
            case .throwsError(let error, let cause): throw TaskFailure(error: error, cause: cause)
            }
        }
        return registry
    }
}

/// A mock file that cannot be used.
public struct MockConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, when known.
    public let file: String?
    /// What is wrong.
    public let message: String

    public var description: String { "mock file\(file.map { " \($0)" } ?? "") \(message)" }
}
