import JSON

/// The condition of a JSONPath filter selector, `[?(@.price < 10 && @.inStock)]`.
public indirect enum FilterExpression: Hashable, Sendable {
    /// An operand that must exist (and, if boolean, be true).
    case exists(FilterOperand)
    /// A comparison of two operands.
    case compare(FilterOperand, Comparison, FilterOperand)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)

    /// A comparison operator.
    public enum Comparison: String, Hashable, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    /// Whether `node` (the `@` of the filter) satisfies the condition; `root` is `$`.
    func matches(_ node: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .exists(let operand):
            guard let value = operand.value(current: node, root: root) else { return false }
            return value.boolValue ?? true
        case .compare(let left, let comparison, let right):
            guard let a = left.value(current: node, root: root), let b = right.value(current: node, root: root) else {
                return comparison == .notEqual
            }
            switch comparison {
            case .equal: return a == b
            case .notEqual: return a != b
            default:
                if case .number(let x) = a, case .number(let y) = b { return Self.order(x < y, x == y, comparison) }
                if case .string(let x) = a, case .string(let y) = b { return Self.order(x < y, x == y, comparison) }
                return false
            }
        case .and(let left, let right): return left.matches(node, root: root) && right.matches(node, root: root)
        case .or(let left, let right): return left.matches(node, root: root) || right.matches(node, root: root)
        case .not(let inner): return !inner.matches(node, root: root)
        }
    }

    private static func order(_ less: Bool, _ equal: Bool, _ comparison: Comparison) -> Bool {
        switch comparison {
        case .less: less
        case .lessOrEqual: less || equal
        case .greater: !less && !equal
        case .greaterOrEqual: !less
        case .equal: equal
        case .notEqual: !equal
        }
    }
}

/// One side of a filter comparison.
public enum FilterOperand: Hashable, Sendable {
    /// `@.path`: relative to the node being filtered.
    case current([JSONPath.Segment])
    /// `$.path`: from the document's root.
    case root([JSONPath.Segment])
    /// A literal number, string, boolean or null.
    case literal(JSONValue)

    func value(current node: JSONValue, root: JSONValue) -> JSONValue? {
        switch self {
        case .literal(let value): return value
        case .current(let segments): return Self.follow(segments, from: node, root: root)
        case .root(let segments): return Self.follow(segments, from: root, root: root)
        }
    }

    private static func follow(_ segments: [JSONPath.Segment], from start: JSONValue, root: JSONValue) -> JSONValue? {
        var nodes = [start]
        for segment in segments { nodes = JSONPath.apply(segment, to: nodes, root: root) }
        return nodes.first
    }
}
