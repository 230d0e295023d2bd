/// Strings that every document of one kind repeats (a snapshot's keys, a history's event types and
/// keys), numbered before the document starts: a ``CompactJSONWriter`` with a preset writes each of
/// them as its number, never in full, and a ``CompactJSONReader`` with the same preset reads them back.
///
/// ```swift
/// let preset = CompactJSONPreset(["input", "output"])
/// var writer = CompactJSONWriter(preset: preset)
/// writer.write(["input": 1])              // "input" is one byte: its number
/// var reader = CompactJSONReader(writer.bytes, preset: preset)
/// ```
///
/// A preset is part of the stored format of the documents written with it: once they are stored, its
/// strings and their order never change; a different list is a new preset, and the documents say which
/// one they were written with.
public struct CompactJSONPreset: Sendable {
    /// The strings, numbered from 0 in this order.
    public let strings: [String]
    /// Looked up, never added to: sparse, so that the strings a document adds find their empty slot at once.
    let table: NumberTable<String>

    /// A preset of distinct strings.
    public init(_ strings: [String]) {
        precondition(Set(strings).count == strings.count, "a preset's strings must be distinct")
        self.strings = strings
        var table = NumberTable<String>(capacity: strings.count * 2)
        for string in strings { _ = table.number(of: string, hash: ByteHash.of(string)) }
        self.table = table
    }

    /// No strings: documents written without a preset.
    public static let none = CompactJSONPreset([])
}
