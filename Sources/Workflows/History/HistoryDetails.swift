import JSON

/// What a history event records, kept as its parts: most events hold one or two members (a state's
/// name and its input, a task's resource and its output), and an execution records about fourteen
/// events, so building a `JSONObject` for each (an allocation, then a release of every member
/// when the commit is written) cost more than the interpreter's own work on them. ``object`` builds the
/// object Step Functions shows, members in the same order; ``write(to:)`` writes the same bytes as
/// writing that object, without building it.
public enum HistoryDetails: Hashable, Sendable {
    /// `{key: value}`.
    case one(String, JSONValue)
    /// `{first: firstValue, second: secondValue}`, with distinct keys.
    case two(String, JSONValue, String, JSONValue)
    /// Any other object.
    case object(JSONObject)

    /// The details as Step Functions shows them.
    public var object: JSONObject {
        switch self {
        case .one(let key, let value): JSONObject(uniqueMembers: [(key, value)])
        case .two(let first, let firstValue, let second, let secondValue): JSONObject(uniqueMembers: [(first, firstValue), (second, secondValue)])
        case .object(let object): object
        }
    }

    /// Writes the details as ``object`` would be written, byte for byte.
    public func write(to writer: inout CompactJSONWriter) {
        switch self {
        case .one(let key, let value):
            writer.writeObject(count: 1) { $0.writeMember(key, value) }
        case .two(let first, let firstValue, let second, let secondValue):
            writer.writeObject(count: 2) { writer in
                writer.writeMember(first, firstValue)
                writer.writeMember(second, secondValue)
            }
        case .object(let object):
            writer.write(.object(object))
        }
    }

    public static func == (lhs: HistoryDetails, rhs: HistoryDetails) -> Bool {
        lhs.object == rhs.object
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(object)
    }
}
