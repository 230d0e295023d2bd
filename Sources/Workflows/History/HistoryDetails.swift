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
    /// A TaskScheduled event's: the resource, its type and region, the parameters, the timeout and the
    /// heartbeat if any (every task invocation records one, which built a six-member object).
    case taskScheduled(resource: String, parameters: JSONValue, timeoutSeconds: Int, heartbeatSeconds: Int?)
    /// Any other object.
    case object(JSONObject)

    /// The details as Step Functions shows them.
    public var object: JSONObject {
        switch self {
        case .one(let key, let value): JSONObject(uniqueMembers: [(key, value)])
        case .two(let first, let firstValue, let second, let secondValue): JSONObject(uniqueMembers: [(first, firstValue), (second, secondValue)])
        case .taskScheduled(let resource, let parameters, let timeout, let heartbeat):
            JSONObject(uniqueMembers: Self.scheduledMembers(resource: resource, parameters: parameters, timeout: timeout, heartbeat: heartbeat))
        case .object(let object): object
        }
    }

    /// The members of a TaskScheduled event's details, in Step Functions' order.
    private static func scheduledMembers(resource: String, parameters: JSONValue, timeout: Int, heartbeat: Int?) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = [
            ("resource", .string(resource)), ("resourceType", .string(resourceType(resource))), ("region", .string(ContextObject.region)),
            ("parameters", parameters), ("timeoutInSeconds", .number(Double(timeout))),
        ]
        if let heartbeat { members.append(("heartbeatInSeconds", .number(Double(heartbeat)))) }
        return members
    }

    /// The service an ARN names (`lambda` in `arn:aws:lambda:…`), found in its bytes; `swift` for a
    /// resource that is not an ARN.
    static func resourceType(_ resource: String) -> String {
        let bytes = resource.utf8
        guard resource.hasPrefix("arn:aws:"), let end = bytes.dropFirst(8).firstIndex(of: UInt8(ascii: ":")) else { return "swift" }
        return String(resource[bytes.index(bytes.startIndex, offsetBy: 8)..<end])
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
        case .taskScheduled(let resource, let parameters, let timeout, let heartbeat):
            let members = Self.scheduledMembers(resource: resource, parameters: parameters, timeout: timeout, heartbeat: heartbeat)
            writer.writeObject(count: members.count) { writer in
                for (key, value) in members { writer.writeMember(key, value) }
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
