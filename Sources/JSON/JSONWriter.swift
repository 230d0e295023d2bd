/// Writes compact JSON text straight into bytes, for documents written so often that building a
/// ``JSONValue`` first would cost more than the writing (snapshots and histories in the workflow store).
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.member("id", 7)
/// writer.member("input", ["a": 1])
/// writer.endObject()
/// writer.bytes   // {"id":7,"input":{"a":1}}
/// ```
public struct JSONWriter: Sendable {
    /// The text written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// An empty writer.
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Opens an object (as a value, or as the document).
    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    /// Closes the innermost open object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array.
    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the innermost open array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes a member's key; the next value written is its value.
    public mutating func key(_ key: String) {
        separate()
        JSONValue.writeString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a value.
    public mutating func value(_ value: JSONValue) {
        separate()
        value.appendJSONText(to: &bytes)
        needsComma = true
    }

    /// Writes an integer.
    public mutating func integer(_ value: some BinaryInteger) {
        separate()
        JSONValue.writeInteger(Int64(value), to: &bytes)
        needsComma = true
    }

    /// Writes a string.
    public mutating func string(_ value: String) {
        separate()
        JSONValue.writeString(value, to: &bytes)
        needsComma = true
    }

    /// Writes a member whose value is a JSON value; nothing when `value` is nil.
    public mutating func member(_ name: String, _ value: JSONValue?) {
        guard let value else { return }
        key(name)
        self.value(value)
    }

    /// Writes a member whose value is an integer; nothing when `value` is nil.
    public mutating func member(_ name: String, _ value: (some BinaryInteger)?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// Writes a member whose value is a string; nothing when `value` is nil.
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
