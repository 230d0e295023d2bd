import JSON

/// An execution's saved state as a store keeps it: compact JSON (`CompactJSONWriter`'s form,
/// where the input the execution's runs and output repeat is stored once), or JSON text in files
/// written before snapshots were compact.
public struct ExecutionSnapshot: Hashable, Sendable {
    /// The stored bytes.
    public let bytes: [UInt8]
    /// Whether the bytes are compact JSON rather than JSON text.
    public let isCompact: Bool

    /// A snapshot in compact form.
    public init(compact bytes: [UInt8]) {
        self.bytes = bytes
        isCompact = true
    }

    /// A snapshot written as JSON text.
    public init(text: String) {
        bytes = Array(text.utf8)
        isCompact = false
    }

    /// No snapshot: what a store that keeps nothing across a restart is given.
    public static let none = ExecutionSnapshot(compact: [])

    /// The snapshot as a JSON document.
    public func document() throws -> JSONValue {
        guard isCompact else { return try JSONParser.parse(bytes: bytes) }
        var reader = CompactJSONReader(bytes)
        return try reader.readValue()
    }
}
