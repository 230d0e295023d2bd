import JSON

/// A parsed and validated state machine (or a Parallel branch, or a Map's item processor).
public struct StateMachine: Sendable {
    /// The first state.
    public let startAt: String
    /// Every state by name.
    public let states: [String: State]
    /// State names in the order they appear in the definition.
    public let stateNames: [String]
    /// The top-level `TimeoutSeconds` of the execution, if set.
    public let timeoutSeconds: Int?

    /// Creates a machine from validated parts.
    public init(startAt: String, states: [String: State], stateNames: [String], timeoutSeconds: Int?) {
        self.startAt = startAt
        self.states = states
        self.stateNames = stateNames
        self.timeoutSeconds = timeoutSeconds
    }

    /// Parses and validates an ASL definition given as JSON text.
    ///
    /// - Throws: ``DefinitionError`` listing every problem with its JSON location.
    public static func parse(_ text: String) throws(DefinitionError) -> StateMachine {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw DefinitionError(problems: [ValidationProblem(location: "", message: "is not valid JSON: \(error)")])
        }
        return try parse(json)
    }

    /// Parses and validates an ASL definition.
    public static func parse(_ definition: JSONValue) throws(DefinitionError) -> StateMachine {
        var problems = ProblemList()
        let machine = DefinitionParser.machine(definition, at: "", problems: &problems, isTopLevel: true)
        guard problems.all.isEmpty, let machine else { throw DefinitionError(problems: problems.all) }
        return machine
    }

    /// Every state of this machine and of its nested branches and item processors, by name.
    public var allStates: [String: State] {
        var all = states
        for state in states.values {
            switch state.kind {
            case .parallel(let parallel): parallel.branches.forEach { all.merge($0.allStates) { first, _ in first } }
            case .map(let map): all.merge(map.processor.allStates) { first, _ in first }
            default: break
            }
        }
        return all
    }
}
