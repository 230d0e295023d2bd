/// A scenario file that cannot be run, with its file and line.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The scenario file.
    public let file: String
    /// 1-based line, when the problem has one.
    public let line: Int?
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
