/// A trace that cannot be applied: every problem found, each with its file, line and field.
///
/// ```
/// traces/day1.jsonl:17: field "currency" 'USX' is not an ISO 4217 currency code in circulation
/// ```
public struct TraceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The trace file as the user named it.
    public let file: String
    /// The problems kept for the report, in line order (at most ``TraceParser/problemLimit``).
    public let problems: [Problem]
    /// How many problems were found in all, including those not kept.
    public let problemCount: Int

    /// Creates an error.
    public init(file: String, problems: [Problem], problemCount: Int? = nil) {
        self.file = file
        self.problems = problems
        self.problemCount = problemCount ?? problems.count
    }

    /// One problem at one line.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// The 1-based line number.
        public let line: Int
        /// The field at fault, if one is.
        public let field: String?
        /// What is wrong.
        public let reason: String

        /// Creates a problem.
        public init(line: Int, field: String?, reason: String) {
            self.line = line
            self.field = field
            self.reason = reason
        }

        /// Attaches a line number to a problem found within a line.
        public init(line: Int, _ problem: LineProblem) {
            self.init(line: line, field: problem.field, reason: problem.reason)
        }

        public var description: String { LineProblem(field: field, reason: reason).description }
    }

    public var description: String {
        var lines = problems.map { "\(file):\($0.line): \($0)" }
        if problemCount > problems.count {
            lines.append("… and \(problemCount - problems.count) more problems in \(file)")
        }
        lines.append("nothing was applied: fix the trace and run again")
        return lines.joined(separator: "\n")
    }
}
