/// One problem in a state machine definition, at a JSON location such as `/States/CountPoints/Next`.
public struct ValidationProblem: Hashable, Sendable, CustomStringConvertible {
    /// A JSON Pointer (RFC 6901) to the field at fault; empty for the whole document.
    public let location: String
    /// What is wrong.
    public let message: String

    /// Creates a problem.
    public init(location: String, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}

/// A definition that is not valid Amazon States Language: every problem found.
public struct DefinitionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in document order.
    public let problems: [ValidationProblem]

    /// Creates an error.
    public init(problems: [ValidationProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Problems collected while parsing a definition.
struct ProblemList {
    private(set) var all: [ValidationProblem] = []

    mutating func add(_ location: String, _ message: String) {
        all.append(ValidationProblem(location: location, message: message))
    }

    /// Escapes a key for a JSON Pointer.
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
