/// A command's error that is the user's to fix, with the exit status it ends the command with.
enum CLIError: Error, Equatable, CustomStringConvertible {
    /// The database has no record of the member.
    case unknownMember(id: String, database: String)
    /// An argument is not a valid id.
    case invalidID(kind: String, id: String, reason: String)

    var description: String {
        switch self {
        case .unknownMember(let id, let database): "no member '\(id)' in \(database)"
        case .invalidID(let kind, let id, let reason): "'\(id)' is not a valid \(kind): it \(reason)"
        }
    }

    var exitStatus: Int32 {
        switch self {
        case .unknownMember: 1
        case .invalidID: 2
        }
    }
}
