/// Writes JSON values in a compact binary form that stores each repeated string once and each object
/// or array that is shared (the same storage, as when one state's output is the next one's input) once,
/// for documents that repeat themselves, such as an execution's history, where the same input appears
/// in half the events. ``CompactJSONReader`` reads it back into equal values.
///
/// ```swift
/// var writer = CompactJSONWriter()
/// writer.write(input)
/// writer.write(["input": input])   // the second `input` is a reference to the first
/// var reader = CompactJSONReader(writer.bytes)
/// try reader.readValue()           // == input
/// ```
///
/// Strings and containers are numbered in the order they are completed; a repeat is written as its
/// number. Integral numbers up to 2⁵³ are variable-length integers, others their 8 bytes.
public struct CompactJSONWriter: Sendable {
    /// What each value starts with.
    enum Tag: UInt8 {
        case null, `false`, `true`, double, integer, string, array, object, reference
    }

    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var strings = NumberTable<String>()
    /// Strings numbered before the document: written as their numbers; the document's own strings are numbered after them.
    private let preset: NumberTable<String>
    private let presetCount: UInt64
    /// Containers by the address of their storage, which identifies their (immutable) contents as long
    /// as they are alive: `written` keeps them so, for values the caller lets go between two writes. The
    /// low bit tells objects from arrays. Empty containers are numbered but never looked up.
    private var containers = NumberTable<UInt64>()
    private var written: [JSONValue] = []
    /// The number the reader gives each container in `containers` (it numbers them as it completes them).
    private var completedNumbers: [Int] = []
    private var completed = 0

    /// An empty writer; with a `preset`, its strings are written as their numbers (read the bytes with the same preset).
    public init(capacity: Int = 1_024, preset: CompactJSONPreset = .none) {
        bytes.reserveCapacity(capacity)
        self.preset = preset.table
        presetCount = UInt64(preset.strings.count)
    }

    /// Empties the writer for the next document (with the same preset), keeping its storage: a store that writes thousands of
    /// small documents per commit allocates its buffer and tables once rather than for each.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        strings.removeAll()
        containers.removeAll()
        written.removeAll(keepingCapacity: true)
        completedNumbers.removeAll(keepingCapacity: true)
        completed = 0
    }

    /// Writes an unsigned integer in 7-bit groups, low group first.
    public mutating func write(unsigned value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Writes a signed integer (zigzag, so small negative numbers stay short).
    public mutating func write(integer value: Int64) {
        write(unsigned: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes a string, or the number of the same string in the preset or written before.
    public mutating func write(string: String) {
        var contiguous = string
        contiguous.withUTF8 { utf8 in
            let hash = ByteHash.of(utf8)
            if presetCount > 0, let number = preset.existingNumber(of: string, hash: hash) {
                write(unsigned: UInt64(number) + 1)
                return
            }
            if let number = strings.number(of: string, hash: hash) {
                write(unsigned: presetCount + UInt64(number) + 1)
                return
            }
            write(unsigned: 0)
            write(unsigned: UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes the string numbered `number` in the writer's preset, as ``write(string:)`` would write
    /// it, without hashing it first: for callers that know their keys' numbers.
    public mutating func write(presetString number: Int) {
        precondition(UInt64(number) < presetCount, "no string \(number) in the preset")
        write(unsigned: UInt64(number) + 1)
    }

    /// Writes a JSON value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(Tag.null.rawValue)
        case .bool(let flag): bytes.append(flag ? Tag.true.rawValue : Tag.false.rawValue)
        case .number(let number):
            if number.rounded() == number, abs(number) < 9.0e15, !(number == 0 && number.sign == .minus) {
                bytes.append(Tag.integer.rawValue)
                write(integer: Int64(number))
            } else {
                bytes.append(Tag.double.rawValue)
                withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        case .string(let string):
            bytes.append(Tag.string.rawValue)
            write(string: string)
        case .array(let elements):
            let key = elements.isEmpty ? nil : elements.withUnsafeBufferPointer { $0.baseAddress.map { UInt64(UInt(bitPattern: $0)) << 1 } }
            let found = lookUp(key, of: value)
            if found.isReference { return }
            bytes.append(Tag.array.rawValue)
            write(unsigned: UInt64(elements.count))
            for element in elements { write(element) }
            complete(found.entry)
        case .object(let object):
            let key = object.isEmpty ? nil : object.storageAddress.map { UInt64(UInt(bitPattern: $0)) << 1 | 1 }
            let found = lookUp(key, of: value)
            if found.isReference { return }
            bytes.append(Tag.object.rawValue)
            write(unsigned: UInt64(object.count))
            for (name, member) in object { writeMember(name, member) }
            complete(found.entry)
        }
    }

    /// Writes an object of `count` members that `body` writes (each a ``writeMember(_:_:)``, or a
    /// ``write(string:)`` for its name, then its value), with the same bytes as writing a new object of those members: for callers that
    /// hold the members but not an object, which would cost an allocation to build.
    public mutating func writeObject(count: Int, _ body: (inout CompactJSONWriter) -> Void) {
        writeContainer(.object, count: count, body)
    }

    /// Writes an array of `count` elements that `body` writes, with the same bytes as writing a new array
    /// of those elements, without building it.
    public mutating func writeArray(count: Int, _ body: (inout CompactJSONWriter) -> Void) {
        writeContainer(.array, count: count, body)
    }

    /// A new container's tag and count, its contents as `body` writes them, and its number.
    private mutating func writeContainer(_ tag: Tag, count: Int, _ body: (inout CompactJSONWriter) -> Void) {
        bytes.append(tag.rawValue)
        write(unsigned: UInt64(count))
        body(&self)
        complete(nil)
    }

    /// Writes an object's member: its name, then its value (inside ``writeObject(count:_:)``).
    public mutating func writeMember(_ name: String, _ value: JSONValue) {
        write(string: name)
        write(value)
    }

    /// Writes an object's member whose name is the preset's string numbered `number`.
    public mutating func writeMember(presetString number: Int, _ value: JSONValue) {
        write(presetString: number)
        write(value)
    }

    /// Writes a reference to the container stored at `key` if it was written before; otherwise returns
    /// its entry in `containers`, to be completed once its contents are written.
    private mutating func lookUp(_ key: UInt64?, of value: JSONValue) -> (isReference: Bool, entry: Int?) {
        guard let key else { return (false, nil) }
        guard let entry = containers.number(of: key, hash: ByteHash.mix(key)) else {
            completedNumbers.append(-1)
            written.append(value)
            return (false, containers.count - 1)
        }
        bytes.append(Tag.reference.rawValue)
        write(unsigned: UInt64(completedNumbers[entry]))
        return (true, entry)
    }

    /// Gives the container just written the next number, as the reader does.
    private mutating func complete(_ entry: Int?) {
        if let entry { completedNumbers[entry] = completed }
        completed += 1
    }
}
