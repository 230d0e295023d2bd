/// What is wrong with one line of a trace, before the file and line number are attached.
public struct LineProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field at fault, or nil when the line as a whole is wrong (not JSON, not an object).
    public let field: String?
    /// What is wrong, phrased to follow the field's name.
    public let reason: String

    /// Creates a problem.
    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        if let field { "field \"\(field)\" \(reason)" } else { reason }
    }
}
