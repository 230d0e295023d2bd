/// What is wrong with one field's value, before the file, line and field name are known.
public struct FieldProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// A short explanation, phrased to follow the field's name: "is not an ISO 4217 currency code".
    public let reason: String

    /// Creates a problem with the given reason.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
