/// A replay that cannot start.
public enum ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `--db` names a file that exists: a replay writes a fresh database.
    case databaseExists(path: String)
    /// The scenario's state machine is not valid.
    case invalidWorkflow(path: String, problems: [String])

    public var description: String {
        switch self {
        case .databaseExists(let path):
            "\(path) exists; a replay writes a fresh database: remove it or choose another --db path"
        case .invalidWorkflow(let path, let problems):
            "\(path) is not a valid state machine:\n" + problems.map { "  \(path): \($0)" }.joined(separator: "\n")
        }
    }
}
