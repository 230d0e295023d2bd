import JSON

extension ChoiceRule {
    /// Whether the rule holds for the state's input.
    ///
    /// A comparison whose variable has the wrong type is false; a variable missing from the input is
    /// `States.Runtime` (except for `IsPresent`), as in Step Functions.
    public func matches(input: JSONValue, context: JSONValue) throws(StatesError) -> Bool {
        switch self {
        case .and(let rules):
            for rule in rules where !(try rule.matches(input: input, context: context)) { return false }
            return true
        case .or(let rules):
            for rule in rules where try rule.matches(input: input, context: context) { return true }
            return false
        case .not(let rule):
            return !(try rule.matches(input: input, context: context))
        case .compare(let variable, let comparison, let operand):
            let value = variable.evaluate(input: input, context: context)
            if comparison == .isPresent {
                return (value != nil) == (Self.literal(operand)?.boolValue ?? true)
            }
            guard let value else {
                throw StatesError.runtime("Invalid path '\(variable)': The choice state's condition path references an invalid value.")
            }
            let expected: JSONValue
            switch operand {
            case .value(let literal): expected = literal
            case .path(let path):
                guard let resolved = path.evaluate(input: input, context: context) else {
                    throw StatesError.runtime("Invalid path '\(path)': The choice state's condition path references an invalid value.")
                }
                expected = resolved
            }
            return Self.compare(value, comparison, expected)
        }
    }

    private static func literal(_ operand: Operand) -> JSONValue? {
        if case .value(let value) = operand { value } else { nil }
    }

    private static func compare(_ value: JSONValue, _ comparison: ChoiceComparison, _ expected: JSONValue) -> Bool {
        switch comparison {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            guard case .string(let a) = value, case .string(let b) = expected else { return false }
            return order(a < b, a == b, comparison)
        case .stringMatches:
            guard case .string(let text) = value, case .string(let pattern) = expected else { return false }
            return WildcardPattern(pattern).matches(text)
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            guard case .number(let a) = value, case .number(let b) = expected else { return false }
            return order(a < b, a == b, comparison)
        case .booleanEquals:
            guard case .bool(let a) = value, case .bool(let b) = expected else { return false }
            return a == b
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals, .timestampGreaterThanEquals:
            guard let a = value.stringValue.flatMap(ASLTimestamp.parse), let b = expected.stringValue.flatMap(ASLTimestamp.parse) else { return false }
            return order(a < b, a == b, comparison)
        case .isNull: return (value == .null) == (expected.boolValue ?? true)
        case .isNumeric: return (value.numberValue != nil) == (expected.boolValue ?? true)
        case .isString: return (value.stringValue != nil) == (expected.boolValue ?? true)
        case .isBoolean: return (value.boolValue != nil) == (expected.boolValue ?? true)
        case .isTimestamp: return (value.stringValue.flatMap(ASLTimestamp.parse) != nil) == (expected.boolValue ?? true)
        case .isPresent: return true
        }
    }

    private static func order(_ less: Bool, _ equal: Bool, _ comparison: ChoiceComparison) -> Bool {
        switch comparison {
        case .stringLessThan, .numericLessThan, .timestampLessThan: less
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: !less && !equal
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: less || equal
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: !less
        default: equal
        }
    }
}

/// `StringMatches` patterns: `*` matches any run of characters; `\*` and `\\` are literal.
struct WildcardPattern {
    private enum Token: Equatable {
        case literal(Character)
        case any
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            if character == "\\", let escaped = characters.next() {
                tokens.append(.literal(escaped))
            } else {
                tokens.append(character == "*" ? .any : .literal(character))
            }
        }
        self.tokens = tokens
    }

    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var matched = Array(repeating: false, count: characters.count + 1)
        matched[0] = true
        for token in tokens {
            var next = Array(repeating: false, count: characters.count + 1)
            switch token {
            case .any:
                var reachable = false
                for index in 0...characters.count {
                    reachable = reachable || matched[index]
                    next[index] = reachable
                }
            case .literal(let literal):
                for index in 0..<characters.count where matched[index] && characters[index] == literal { next[index + 1] = true }
            }
            matched = next
        }
        return matched[characters.count]
    }
}
