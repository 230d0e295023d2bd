import Determinism
import JSON
import Testing

@Suite struct CompactJSONTests {
    /// Random documents, with objects and arrays that appear more than once, read back equal.
    @Test func everyValueReadsBackEqual() throws {
        var random = SeededGenerator(seed: 20261127)
        for _ in 0..<300 {
            let pair = Self.randomDocument(using: &random)
            var writer = CompactJSONWriter()
            writer.write(pair)
            var reader = CompactJSONReader(writer.bytes)
            #expect(try reader.readValue() == pair)
            #expect(reader.isAtEnd)
        }
    }

    /// Strings of every length up to 40 (the hash reads eight bytes at a time, then the rest), some
    /// differing only in their last byte or only past their first eight: each is written in full once,
    /// then as a reference, and all read back as written.
    @Test func repeatedStringsAreWrittenOnceWhateverTheirLength() throws {
        var strings: [String] = []
        for length in 0...40 {
            let base = String(repeating: "a", count: length)
            strings.append(base)
            if length > 0 { strings.append(String(base.dropLast()) + "b") }
            if length > 8 { strings.append("abcdefgh" + String(repeating: "z", count: length - 8)) }
        }
        strings.append("é𝄞")
        var writer = CompactJSONWriter()
        for string in strings { writer.write(string: string) }
        let once = writer.bytes.count
        for string in strings { writer.write(string: string) }
        #expect(writer.bytes.count - once < once / 4, "the second round should be references")
        var reader = CompactJSONReader(writer.bytes)
        for string in strings + strings { #expect(try reader.readString() == string) }
        #expect(reader.isAtEnd)
    }

    /// An object or array written member by member has the bytes of the same value built first, and an
    /// object whose key repeats reads back as a JSONObject built from those members does.
    @Test func membersWrittenOneByOneReadBackAsBuilt() throws {
        let input: JSONValue = ["id": "e-1", "n": 2]
        var built = CompactJSONWriter()
        built.write(["input": input, "list": [input, nil], "count": 7])
        var direct = CompactJSONWriter()
        direct.writeObject(count: 3) { writer in
            writer.writeMember("input", input)
            writer.write(string: "list")
            writer.writeArray(count: 2) { writer in
                writer.write(input)
                writer.write(.null)
            }
            writer.writeMember("count", 7)
        }
        #expect(direct.bytes == built.bytes)

        var repeated = CompactJSONWriter()
        repeated.writeObject(count: 3) { writer in
            writer.writeMember("a", 1)
            writer.writeMember("b", 2)
            writer.writeMember("a", 3)
        }
        var reader = CompactJSONReader(repeated.bytes)
        #expect(try reader.readValue() == .object(JSONObject([("a", 1), ("b", 2), ("a", 3)])))
    }

    /// The numbers JSON text would change or that need all 8 bytes keep their exact value and sign.
    @Test func numbersKeepTheirExactValue() throws {
        let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1e300, -1e-300, 9.0e15, 9.1e15, 4_503_599_627_370_497, .pi]
        var writer = CompactJSONWriter()
        for number in numbers { writer.write(.number(number)) }
        var reader = CompactJSONReader(writer.bytes)
        for number in numbers {
            let read = try #require(try reader.readValue().numberValue)
            #expect(read == number && read.sign == number.sign)
        }
    }

    /// The same object written twice costs a reference the second time, not its contents.
    @Test func aSharedObjectIsWrittenOnce() {
        let input: JSONValue = ["id": "VM-00812-0000004", "type": "purchase", "participant": "vp-7a54cd", "amount": 275]
        var once = CompactJSONWriter()
        once.write(["input": input, "output": nil])
        var twice = CompactJSONWriter()
        twice.write(["input": input, "output": input])
        #expect(twice.bytes.count <= once.bytes.count + 1)
    }

    /// Values the caller lets go between two writes, whose storage the next value may reuse, are not
    /// mistaken for one another.
    @Test func valuesLetGoBetweenWritesStayDistinct() throws {
        var writer = CompactJSONWriter()
        for index in 0..<100 { Self.writeFresh(index, to: &writer) }
        var reader = CompactJSONReader(writer.bytes)
        for index in 0..<100 {
            #expect(try reader.readValue() == ["index": .number(Double(index)), "list": [.number(Double(index))]])
        }
    }

    private static func writeFresh(_ index: Int, to writer: inout CompactJSONWriter) {
        writer.write(["index": .number(Double(index)), "list": [.number(Double(index))]])
    }

    /// A writer emptied with `reset()` writes each next document exactly as a new writer would: no
    /// string or shared object numbered in an earlier document leaks into the next as a reference.
    @Test func aResetWriterWritesAsANewOne() throws {
        var random = SeededGenerator(seed: 20261128)
        var reused = CompactJSONWriter()
        for _ in 0..<200 {
            let document = Self.randomDocument(using: &random)
            reused.reset()
            reused.write(document)
            var fresh = CompactJSONWriter()
            fresh.write(document)
            #expect(reused.bytes == fresh.bytes)
            var reader = CompactJSONReader(reused.bytes)
            #expect(try reader.readValue() == document)
        }
    }

    /// With a preset, its strings cost their number wherever they appear (as keys or as values), the
    /// document's own strings are numbered after them, and random documents read back equal with the
    /// same preset; a reset writer keeps its preset.
    @Test func presetStringsAreWrittenAsNumbers() throws {
        let preset = CompactJSONPreset(["input", "output", "purchase", "id"])
        let document: JSONValue = ["input": ["id": "e-1", "type": "purchase"], "output": "purchase", "other": "e-1"]
        var plain = CompactJSONWriter()
        plain.write(document)
        var withPreset = CompactJSONWriter(preset: preset)
        withPreset.write(document)
        let spelledOut = ["input", "output", "purchase", "id"].reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(withPreset.bytes.count == plain.bytes.count - spelledOut)
        var reader = CompactJSONReader(withPreset.bytes, preset: preset)
        #expect(try reader.readValue() == document)

        var random = SeededGenerator(seed: 20261129)
        let strings = CompactJSONPreset(["", "id", "purchase", "vp-1", String(repeating: "x", count: 200)])
        var reused = CompactJSONWriter(preset: strings)
        for _ in 0..<100 {
            let pair = Self.randomDocument(using: &random)
            reused.reset()
            reused.write(pair)
            var reader = CompactJSONReader(reused.bytes, preset: strings)
            #expect(try reader.readValue() == pair)
            #expect(reader.isAtEnd)
        }
    }

    /// A document cut short, or with a reference to nothing, is an error, not a crash.
    @Test func aDamagedDocumentIsAnError() {
        var writer = CompactJSONWriter()
        writer.write(["a": [1, "two", ["three": 3.5]], "b": "two"])
        for length in 0..<writer.bytes.count {
            var reader = CompactJSONReader(Array(writer.bytes.prefix(length)))
            #expect(throws: CompactJSONError.self) { try reader.readValue() }
        }
        var reader = CompactJSONReader([8, 9])
        #expect(throws: CompactJSONError.self) { try reader.readValue() }
    }

    /// A random value, paired with an object that repeats it and the containers it shares.
    private static func randomDocument(using random: inout SeededGenerator) -> JSONValue {
        var shared: [JSONValue] = []
        let value = randomValue(depth: 0, shared: &shared, using: &random)
        return [value, ["again": value, "list": .array(shared)]]
    }

    private static func randomValue(depth: Int, shared: inout [JSONValue], using random: inout SeededGenerator) -> JSONValue {
        let strings = ["", "id", "purchase", "vp-1", "é ü 🚀", "a\"quote\\", String(repeating: "x", count: 200)]
        switch Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random)))
        case 3: return .number(Double.random(in: -1e6...1e6, using: &random))
        case 4: return .string(strings.randomElement(using: &random)!)
        case 5 where !shared.isEmpty: return shared.randomElement(using: &random)!
        case 6:
            let elements = (0..<Int.random(in: 0..<5, using: &random)).map { _ in randomValue(depth: depth + 1, shared: &shared, using: &random) }
            shared.append(.array(elements))
            return .array(elements)
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0..<6, using: &random) {
                object[strings.randomElement(using: &random)!] = randomValue(depth: depth + 1, shared: &shared, using: &random)
            }
            shared.append(.object(object))
            return .object(object)
        }
    }
}
