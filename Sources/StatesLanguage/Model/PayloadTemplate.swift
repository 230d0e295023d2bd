import JSON

/// A Parameters, ResultSelector or ItemSelector template: JSON whose `"key.$"` fields take their values
/// from a path, a context path or an intrinsic function when the state runs.
public indirect enum PayloadTemplate: Hashable, Sendable {
    /// A subtree without dynamic fields, used as is.
    case literal(JSONValue)
    /// An object with some dynamic fields, members in order.
    case object([Member])
    /// An array with dynamic fields inside.
    case array([PayloadTemplate])
    /// `"field.$": "$.path"` or `"$$.Context.path"`.
    case path(JSONPath, field: String)
    /// `"field.$": "States.Function(…)"`.
    case intrinsic(IntrinsicCall, field: String)

    /// One member of a template object, its key without `.$`.
    public struct Member: Hashable, Sendable {
        public let key: String
        public let value: PayloadTemplate

        /// Creates a member.
        public init(key: String, value: PayloadTemplate) {
            self.key = key
            self.value = value
        }
    }

    /// Whether evaluating the template may read the context object.
    public var readsContext: Bool { !contextSections.isEmpty }

    /// The parts of the context object that evaluating the template may read.
    public var contextSections: ContextSections {
        switch self {
        case .literal: []
        case .object(let members): members.reduce(into: []) { $0.formUnion($1.value.contextSections) }
        case .array(let elements): elements.reduce(into: []) { $0.formUnion($1.contextSections) }
        case .path(let path, _): ContextSections(reading: path)
        case .intrinsic: .all
        }
    }

    /// Builds the payload from the state's effective input and the context object.
    ///
    /// - Throws: `States.Runtime` when a path matches nothing, or the error of an intrinsic function.
    public func evaluate(input: JSONValue, context: JSONValue, random: inout some RandomNumberGenerator) throws(StatesError) -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .object(let members):
            var object = JSONObject()
            for member in members {
                object[member.key] = try member.value.evaluate(input: input, context: context, random: &random)
            }
            return .object(object)
        case .array(let elements):
            var values: [JSONValue] = []
            for element in elements { values.append(try element.evaluate(input: input, context: context, random: &random)) }
            return .array(values)
        case .path(let path, let field):
            guard let value = path.evaluate(input: input, context: context) else {
                let source = path.root == .context ? "context object" : "input"
                let document = path.root == .context ? context : input
                throw StatesError.runtime(
                    "The JSONPath '\(path)' specified for the field '\(field).$' could not be found in the \(source) '\(document.jsonText)'"
                )
            }
            return value
        case .intrinsic(let call, _):
            return try call.evaluate(input: input, context: context, random: &random)
        }
    }

    /// Compiles a template, reporting each bad `.$` field to `problems` at `location`.
    static func compile(_ json: JSONValue, at location: String, problems: inout ProblemList) -> PayloadTemplate {
        switch json {
        case .object(let object):
            var members: [Member] = []
            var isDynamic = false
            for (key, value) in object {
                let here = location + "/" + ProblemList.escape(key)
                if key.hasSuffix(".$") {
                    isDynamic = true
                    let field = String(key.dropLast(2))
                    members.append(Member(key: field, value: dynamicField(field, value, at: here, problems: &problems)))
                } else {
                    let compiled = compile(value, at: here, problems: &problems)
                    if case .literal = compiled {} else { isDynamic = true }
                    members.append(Member(key: key, value: compiled))
                }
            }
            return isDynamic ? .object(members) : .literal(json)
        case .array(let elements):
            let compiled = elements.enumerated().map { compile($1, at: "\(location)/\($0)", problems: &problems) }
            let isDynamic = compiled.contains { if case .literal = $0 { false } else { true } }
            return isDynamic ? .array(compiled) : .literal(json)
        default:
            return .literal(json)
        }
    }

    private static func dynamicField(_ field: String, _ value: JSONValue, at location: String, problems: inout ProblemList) -> PayloadTemplate {
        guard case .string(let text) = value else {
            problems.add(location, "must be a string holding a path or an intrinsic function, not \(value.typeName)")
            return .literal(.null)
        }
        do {
            if IntrinsicCall.looksLikeCall(text) {
                return .intrinsic(try IntrinsicCall.parse(text), field: field)
            }
            return .path(try JSONPath.parse(text), field: field)
        } catch {
            problems.add(location, "is not a valid path or intrinsic function: \(error)")
            return .literal(.null)
        }
    }
}
