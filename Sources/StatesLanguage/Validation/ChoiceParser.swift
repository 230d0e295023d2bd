import JSON

/// Parses a Choice state's rules.
enum ChoiceParser {
    private static let combinators = ["And", "Or", "Not"]
    private static let operators: [String: (ChoiceComparison, isPath: Bool)] = {
        var all: [String: (ChoiceComparison, isPath: Bool)] = [:]
        for comparison in ChoiceComparison.allCases {
            all[comparison.rawValue] = (comparison, false)
            if comparison.hasPathVariant { all[comparison.rawValue + "Path"] = (comparison, true) }
        }
        return all
    }()

    static func choice(_ reader: inout ObjectReader, context: inout StateContext) -> State.Kind? {
        let defaultNext = reader.string("Default", problems: &context.problems)
        if let defaultNext { context.resolve(defaultNext, at: reader.at("Default")) }
        guard case .array(let rulesJSON)? = reader.value("Choices"), !rulesJSON.isEmpty else {
            context.problems.add(reader.at("Choices"), "must be a non-empty array of rules")
            return nil
        }
        var choices: [(rule: ChoiceRule, next: String)] = []
        for (index, json) in rulesJSON.enumerated() {
            let location = "\(reader.at("Choices"))/\(index)"
            if let parsed = rule(json, at: location, isTopLevel: true, context: &context), let next = parsed.next {
                choices.append((parsed.rule, next))
            }
        }
        return choices.count == rulesJSON.count ? .choice(ChoiceState(choices: choices, defaultNext: defaultNext)) : nil
    }

    private static func rule(_ json: JSONValue, at location: String, isTopLevel: Bool, context: inout StateContext) -> (rule: ChoiceRule, next: String?)? {
        guard case .object(let object) = json else {
            context.problems.add(location, "must be a rule object")
            return nil
        }
        var reader = ObjectReader(object, at: location)
        _ = reader.string("Comment", problems: &context.problems)
        var next: String?
        if isTopLevel {
            next = reader.string("Next", required: true, problems: &context.problems)
            if let next { context.resolve(next, at: reader.at("Next")) }
        }
        let found = object.orderedKeys.filter { combinators.contains($0) || operators[$0] != nil }
        guard found.count == 1 else {
            context.problems.add(
                location,
                found.isEmpty ? "needs a comparison (such as StringEquals) or And, Or, Not" : "has \(found.joined(separator: " and ")); a rule takes exactly one operator"
            )
            found.forEach { _ = reader.value($0) }
            _ = reader.value("Variable")
            reader.reportUnknown(&context.problems, in: "a Choice rule")
            return nil
        }
        let key = found[0]
        let parsed: ChoiceRule?
        if combinators.contains(key) {
            parsed = combination(key, &reader, context: &context)
        } else {
            parsed = comparison(key, &reader, context: &context)
        }
        reader.reportUnknown(&context.problems, in: isTopLevel ? "a Choice rule" : "a nested Choice rule (Next belongs on the top-level rule)")
        return parsed.map { ($0, next) }
    }

    private static func combination(_ key: String, _ reader: inout ObjectReader, context: inout StateContext) -> ChoiceRule? {
        let value = reader.value(key)!
        if key == "Not" {
            return rule(value, at: reader.at(key), isTopLevel: false, context: &context).map { .not($0.rule) }
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            context.problems.add(reader.at(key), "must be a non-empty array of rules")
            return nil
        }
        let rules = elements.enumerated().compactMap { rule($1, at: "\(reader.at(key))/\($0)", isTopLevel: false, context: &context)?.rule }
        guard rules.count == elements.count else { return nil }
        return key == "And" ? .and(rules) : .or(rules)
    }

    private static func comparison(_ key: String, _ reader: inout ObjectReader, context: inout StateContext) -> ChoiceRule? {
        let (comparison, isPath) = operators[key]!
        guard reader.has("Variable") else {
            context.problems.add(reader.location, "needs a Variable to compare with \(key)")
            _ = reader.value(key)
            return nil
        }
        let variable = reader.jsonPath("Variable", problems: &context.problems)
        let value = reader.value(key)!
        let location = reader.at(key)
        let operand: ChoiceRule.Operand
        if isPath {
            guard let text = value.stringValue else {
                context.problems.add(location, "must be a path string, not \(value.typeName)")
                return nil
            }
            do {
                operand = .path(try JSONPath.parse(text))
            } catch {
                context.problems.add(location, "is not a valid path: \(error)")
                return nil
            }
        } else {
            guard literalMatches(comparison, value) else {
                let expected = comparison.operandType == "timestamp" ? "an RFC 3339 timestamp string" : "a \(comparison.operandType)"
                context.problems.add(location, "must be \(expected), not \(value.jsonText)")
                return nil
            }
            operand = .value(value)
        }
        guard let variable else { return nil }
        return .compare(variable: variable, comparison: comparison, operand: operand)
    }

    private static func literalMatches(_ comparison: ChoiceComparison, _ value: JSONValue) -> Bool {
        switch comparison.operandType {
        case "string": value.stringValue != nil
        case "number": value.numberValue != nil
        case "timestamp": value.stringValue.flatMap(ASLTimestamp.parse) != nil
        default: value.boolValue != nil
        }
    }
}
