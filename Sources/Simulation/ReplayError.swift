/// A replay that cannot start.
public enum ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `--db` names a file that exists: a replay writes a fresh database.
    case databaseExists(path: String)
    /// The scenario's state machine cannot be read; `key` is the scenario's key that names it (by
    /// default `workflows/vending-pass.asl.json` and `workflows/adaptive.asl.json` beside the scenario).
    case missingWorkflow(path: String, key: String)
    /// The scenario's state machine is not valid.
    case invalidWorkflow(path: String, problems: [String])

    public var description: String {
        switch self {
        case .databaseExists(let path):
            "\(path) exists; a replay writes a fresh database: remove it or choose another --db path"
        case .missingWorkflow(let path, let key):
            "cannot read the state machine \(path): no such file; name one with `\(key):` in the scenario (a path relative to the scenario)"
        case .invalidWorkflow(let path, let problems):
            "\(path) is not a valid state machine:\n" + problems.map { "  \(path): \($0)" }.joined(separator: "\n")
        }
    }
}
