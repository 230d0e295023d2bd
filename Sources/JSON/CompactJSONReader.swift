/// Reads what a ``CompactJSONWriter`` wrote, in the same order.
public struct CompactJSONReader {
    private let bytes: [UInt8]
    private var position = 0
    private var strings: [String] = []
    private var containers: [JSONValue] = []

    /// A reader at the start of `bytes`, written with `preset` (see ``CompactJSONWriter/init(capacity:preset:)``).
    public init(_ bytes: [UInt8], preset: CompactJSONPreset = .none) {
        self.bytes = bytes
        strings = preset.strings
    }

    /// Whether everything has been read.
    public var isAtEnd: Bool { position >= bytes.count }

    /// Reads an unsigned integer.
    public mutating func readUnsigned() throws(CompactJSONError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw CompactJSONError(offset: position, reason: "an integer longer than 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Reads a signed integer.
    public mutating func readInteger() throws(CompactJSONError) -> Int64 {
        let zigzag = try readUnsigned()
        return Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
    }

    /// Reads a string.
    public mutating func readString() throws(CompactJSONError) -> String {
        try readNumberedString().string
    }

    /// Reads a string and its number: equal numbers are equal strings (an object's keys are checked for
    /// repeats by their numbers).
    private mutating func readNumberedString() throws(CompactJSONError) -> (string: String, number: UInt64) {
        let number = try readUnsigned()
        if number > 0 {
            guard number <= strings.count else { throw CompactJSONError(offset: position, reason: "string \(number - 1) was never written") }
            return (strings[Int(number - 1)], number - 1)
        }
        let count = Int(try readUnsigned())
        guard count <= bytes.count - position else { throw CompactJSONError(offset: position, reason: "a string longer than the document") }
        let string = String(decoding: bytes[position..<position + count], as: UTF8.self)
        position += count
        strings.append(string)
        return (string, UInt64(strings.count - 1))
    }

    /// Reads a JSON value.
    public mutating func readValue() throws(CompactJSONError) -> JSONValue {
        let byte = try readByte()
        guard let tag = CompactJSONWriter.Tag(rawValue: byte) else { throw CompactJSONError(offset: position - 1, reason: "unknown tag \(byte)") }
        switch tag {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .integer: return .number(Double(try readInteger()))
        case .double:
            guard bytes.count - position >= 8 else { throw CompactJSONError(offset: position, reason: "a number cut short") }
            var pattern: UInt64 = 0
            for index in 0..<8 { pattern |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
            position += 8
            return .number(Double(bitPattern: pattern))
        case .string: return .string(try readString())
        case .array:
            let count = try readCount()
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try readValue()) }
            containers.append(.array(elements))
            return .array(elements)
        case .object:
            let count = try readCount()
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(count)
            var isUnique = true
            // The names' numbers, to tell repeated keys, on the stack: a heap array here was an allocation
            // per object read (an execution's snapshot holds half a dozen).
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { names throws(CompactJSONError) in
                for index in 0..<count {
                    let (name, number) = try readNumberedString()
                    if isUnique, count > 1 {
                        isUnique = !names[..<index].contains(number)
                        names[index] = number
                    }
                    members.append((name, try readValue()))
                }
            }
            let object = JSONValue.object(isUnique ? JSONObject(uniqueMembers: members) : JSONObject(members))
            containers.append(object)
            return object
        case .reference:
            let number = try readUnsigned()
            guard number < containers.count else { throw CompactJSONError(offset: position, reason: "value \(number) was never written") }
            return containers[Int(number)]
        }
    }

    private mutating func readCount() throws(CompactJSONError) -> Int {
        let count = try readUnsigned()
        guard count <= UInt64(bytes.count - position) else { throw CompactJSONError(offset: position, reason: "more members than the document has bytes") }
        return Int(count)
    }

    private mutating func readByte() throws(CompactJSONError) -> UInt8 {
        guard position < bytes.count else { throw CompactJSONError(offset: position, reason: "the document ends early") }
        defer { position += 1 }
        return bytes[position]
    }
}
