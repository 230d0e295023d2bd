/// A call of an intrinsic function, `States.Format('Hello {}', $.name)`, parsed ahead of evaluation.
public struct IntrinsicCall: Hashable, Sendable, CustomStringConvertible {
    /// An argument of a call.
    public indirect enum Argument: Hashable, Sendable {
        /// A quoted string, kept with its escapes so that `States.Format` can tell `\{` from `{`.
        case string(raw: String)
        case number(Double)
        case bool(Bool)
        case null
        case path(JSONPath)
        case call(IntrinsicCall)
    }

    /// The function's name without `States.`, such as `Format`.
    public let function: IntrinsicFunction
    /// The arguments in order.
    public let arguments: [Argument]
    /// The call as written.
    public let text: String

    /// Parses `States.Name(arguments)`.
    public static func parse(_ text: String) throws(PathSyntaxError) -> IntrinsicCall {
        var parser = IntrinsicParser(text)
        return try parser.parseWhole()
    }

    /// Whether `text` looks like an intrinsic call rather than a path.
    public static func looksLikeCall(_ text: String) -> Bool {
        text.hasPrefix("States.")
    }

    public var description: String { text }
}
