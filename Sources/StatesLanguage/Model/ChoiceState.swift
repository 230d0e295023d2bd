import JSON

/// A Choice state's rules and default.
public struct ChoiceState: Sendable {
    /// The top-level rules, each with the state it leads to, in order.
    public let choices: [(rule: ChoiceRule, next: String)]
    /// Where to go when no rule matches; without it, `States.NoChoiceMatched`.
    public let defaultNext: String?

    /// Creates the fields.
    public init(choices: [(rule: ChoiceRule, next: String)], defaultNext: String?) {
        self.choices = choices
        self.defaultNext = defaultNext
    }
}

/// A Choice rule: a comparison, or a boolean combination of rules.
public indirect enum ChoiceRule: Hashable, Sendable {
    case and([ChoiceRule])
    case or([ChoiceRule])
    case not(ChoiceRule)
    /// `Variable` compared by `comparison` with `operand`.
    case compare(variable: JSONPath, comparison: ChoiceComparison, operand: Operand)

    /// Whether evaluating the rule may read the context object.
    public var readsContext: Bool {
        switch self {
        case .and(let rules), .or(let rules): rules.contains { $0.readsContext }
        case .not(let rule): rule.readsContext
        case .compare(let variable, _, let operand):
            variable.root == .context || { if case .path(let path) = operand { path.root == .context } else { false } }()
        }
    }

    /// The right-hand side of a comparison.
    public enum Operand: Hashable, Sendable {
        case value(JSONValue)
        case path(JSONPath)
    }
}

/// The comparison operators of Choice rules, without their `Path` suffix.
public enum ChoiceComparison: String, CaseIterable, Hashable, Sendable {
    case stringEquals = "StringEquals", stringLessThan = "StringLessThan", stringGreaterThan = "StringGreaterThan"
    case stringLessThanEquals = "StringLessThanEquals", stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals", numericLessThan = "NumericLessThan", numericGreaterThan = "NumericGreaterThan"
    case numericLessThanEquals = "NumericLessThanEquals", numericGreaterThanEquals = "NumericGreaterThanEquals"
    case booleanEquals = "BooleanEquals"
    case timestampEquals = "TimestampEquals", timestampLessThan = "TimestampLessThan", timestampGreaterThan = "TimestampGreaterThan"
    case timestampLessThanEquals = "TimestampLessThanEquals", timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case isNull = "IsNull", isPresent = "IsPresent", isNumeric = "IsNumeric", isString = "IsString", isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// Whether the operator also exists with a `Path` suffix (every one but the type tests and StringMatches).
    public var hasPathVariant: Bool {
        switch self {
        case .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp, .stringMatches: false
        default: true
        }
    }

    /// The JSON type the literal operand must have.
    var operandType: String {
        switch self {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals, .stringMatches: "string"
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals: "number"
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals, .timestampGreaterThanEquals: "timestamp"
        case .booleanEquals, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: "boolean"
        }
    }
}
