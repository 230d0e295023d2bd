/// A command's error that is the user's to fix, with the exit status it ends the command with.
enum CLIError: Error, Equatable, CustomStringConvertible {
    /// The database has no record of the member.
    case unknownMember(id: String, database: String)
    /// An argument is not a valid id.
    case invalidID(kind: String, id: String, reason: String)
    /// A file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A state machine definition is not valid ASL.
    case invalidDefinition(path: String, problems: [String])
    /// A file cannot be created.
    case unwritableFile(path: String)
    /// No execution matches the id or name.
    case unknownExecution(id: String, database: String)

    var description: String {
        switch self {
        case .unknownMember(let id, let database): "no member '\(id)' in \(database)"
        case .invalidID(let kind, let id, let reason): "'\(id)' is not a valid \(kind): it \(reason)"
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .invalidDefinition(let path, let problems):
            "\(path) is not a valid state machine (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                + problems.map { "  \(path): \($0)" }.joined(separator: "\n")
        case .unknownExecution(let id, let database): "no execution '\(id)' in \(database)"
        case .unwritableFile(let path): "cannot write \(path): check that its folder exists and is writable"
        }
    }

    var exitStatus: Int32 {
        switch self {
        case .unknownMember, .unknownExecution: 1
        case .invalidID, .unreadableFile, .invalidDefinition, .unwritableFile: 2
        }
    }
}
