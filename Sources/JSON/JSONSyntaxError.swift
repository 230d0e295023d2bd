/// Text that is not valid JSON, with where the parser stopped.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was expected or found.
    public let reason: String
    /// 1-based line.
    public let line: Int
    /// 1-based column, in UTF-8 bytes.
    public let column: Int

    /// Creates an error.
    public init(reason: String, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}
