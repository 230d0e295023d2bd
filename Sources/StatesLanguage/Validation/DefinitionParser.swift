import JSON

/// Turns a definition's JSON into a ``StateMachine``, collecting every problem with its location.
enum DefinitionParser {
    static func machine(_ json: JSONValue, at location: String, problems: inout ProblemList, isTopLevel: Bool) -> StateMachine? {
        guard case .object(let object) = json else {
            problems.add(location, "must be a JSON object with StartAt and States")
            return nil
        }
        var reader = ObjectReader(object, at: location)
        _ = reader.string("Comment", problems: &problems)
        let startAt = reader.string("StartAt", required: true, problems: &problems)
        var timeoutSeconds: Int?
        if isTopLevel {
            _ = reader.string("Version", problems: &problems)
            timeoutSeconds = reader.integer("TimeoutSeconds", minimum: 1, problems: &problems)
            if let language = reader.string("QueryLanguage", problems: &problems), language != "JSONPath" {
                problems.add(reader.at("QueryLanguage"), "'\(language)' is not supported; this engine runs JSONPath state machines")
            }
        } else if reader.has("ProcessorConfig") {
            _ = reader.value("ProcessorConfig")
        }
        guard case .object(let statesObject)? = reader.value("States") else {
            problems.add(reader.at("States"), reader.has("States") ? "must be an object of states by name" : "is required")
            reader.reportUnknown(&problems, in: isTopLevel ? "a state machine" : "a branch")
            return nil
        }
        reader.reportUnknown(&problems, in: isTopLevel ? "a state machine" : "a branch")
        let statesLocation = reader.at("States")
        if statesObject.isEmpty { problems.add(statesLocation, "must hold at least one state") }
        let names = Set(statesObject.orderedKeys)
        var states: [String: State] = [:]
        for (name, stateJSON) in statesObject {
            let stateLocation = statesLocation + "/" + ProblemList.escape(name)
            if name.count > 80 { problems.add(stateLocation, "has a name longer than 80 characters") }
            var context = StateContext(names: names, problems: problems)
            if let state = StateParser.state(named: name, stateJSON, at: stateLocation, context: &context) {
                states[name] = state
            }
            problems = context.problems
        }
        if let startAt, !names.contains(startAt) {
            problems.add(reader.at("StartAt"), StateContext.unknownStateMessage(startAt, names: names))
        }
        guard let startAt, names.contains(startAt) else { return nil }
        var nodes: [String: GraphCheck.Node] = [:]
        for (name, stateJSON) in statesObject {
            nodes[name] = states[name].map(GraphCheck.node(of:)) ?? GraphCheck.node(ofUnparsed: stateJSON)
        }
        GraphCheck.check(nodes, order: statesObject.orderedKeys, startAt: startAt, statesLocation: statesLocation, problems: &problems)
        guard states.count == names.count else { return nil }
        let machine = StateMachine(startAt: startAt, states: states, stateNames: statesObject.orderedKeys, timeoutSeconds: timeoutSeconds)
        if isTopLevel { GraphCheck.checkUniqueNames(machine, location: statesLocation, problems: &problems) }
        return machine
    }
}

/// What parsing one state needs besides its JSON: the names it may refer to, and the problems so far.
struct StateContext {
    let names: Set<String>
    var problems: ProblemList

    /// Checks that `target` names a state of the same machine.
    mutating func resolve(_ target: String, at location: String) {
        if !names.contains(target) { problems.add(location, Self.unknownStateMessage(target, names: names)) }
    }

    static func unknownStateMessage(_ target: String, names: Set<String>) -> String {
        "no state named \"\(target)\"\(EditDistance.hint(for: target, among: names))"
    }
}
