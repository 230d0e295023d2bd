import JSON

extension DataFlow {
    /// The effective input of a state: InputPath, then Parameters.
    public func effectiveInput(_ input: JSONValue, context: JSONValue, random: inout some RandomNumberGenerator) throws(StatesError) -> JSONValue {
        let selected = try Self.select(inputPath, from: input)
        guard let parameters else { return selected }
        return try parameters.evaluate(input: selected, context: context, random: &random)
    }

    /// A state's output from its raw input and its result: ResultSelector, ResultPath, then OutputPath.
    ///
    /// - Parameter selectResult: false for a Pass state's `Result`, which ResultSelector does not apply to.
    public func output(input: JSONValue, result: JSONValue, context: JSONValue, random: inout some RandomNumberGenerator) throws(StatesError) -> JSONValue {
        var selected = result
        if let resultSelector {
            selected = try resultSelector.evaluate(input: result, context: context, random: &random)
        }
        let combined = try Self.place(selected, at: resultPath, in: input)
        return try Self.select(outputPath, from: combined)
    }

    /// Applies InputPath or OutputPath: `null` gives `{}`, a path that matches nothing is `States.Runtime`.
    public static func select(_ path: DataPath, from value: JSONValue) throws(StatesError) -> JSONValue {
        switch path {
        case .discard:
            return .object(JSONObject())
        case .path(let path):
            guard path.root == .input else { return value }
            guard let selected = path.evaluate(on: value) else {
                throw StatesError.runtime("Invalid path '\(path)' : No results for path: \(Self.bracketed(path))")
            }
            return selected
        }
    }

    /// Applies a ResultPath: `null` keeps the input, `$` replaces it, a reference path places the result inside it.
    public static func place(_ result: JSONValue, at path: DataPath, in input: JSONValue) throws(StatesError) -> JSONValue {
        switch path {
        case .discard:
            return input
        case .path(let path):
            do {
                return try path.assigning(result, into: input)
            } catch {
                throw StatesError(
                    StatesError.resultPathMatchFailure,
                    cause: "Unable to apply ReferencePath \(path) to input '\(input.jsonText)'"
                )
            }
        }
    }

    /// A path as Jayway JsonPath prints it in messages: `$['a']['b'][0]`.
    static func bracketed(_ path: JSONPath) -> String {
        var text = path.root == .context ? "$$" : "$"
        for segment in path.segments {
            guard case .child(let selectors) = segment, selectors.count == 1 else { return path.text }
            switch selectors[0] {
            case .name(let name): text += "['\(name)']"
            case .index(let index): text += "[\(index)]"
            default: return path.text
            }
        }
        return text
    }
}
