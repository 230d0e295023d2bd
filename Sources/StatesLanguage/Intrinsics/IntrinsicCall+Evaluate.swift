import Crypto
import Foundation
import JSON

extension IntrinsicCall {
    /// Evaluates the call against the state's input and the context object.
    ///
    /// `random` supplies `States.UUID` and unseeded `States.MathRandom`, so a seeded generator makes runs repeatable.
    public func evaluate(input: JSONValue, context: JSONValue, random: inout some RandomNumberGenerator) throws(StatesError) -> JSONValue {
        guard function.arity.contains(arguments.count) else {
            let expected = function.arity.upperBound == Int.max ? "at least \(function.arity.lowerBound)" : "\(function.arity.lowerBound)"
            throw fail("takes \(expected) argument\(function.arity.lowerBound == 1 ? "" : "s"), not \(arguments.count)")
        }
        var values: [JSONValue] = []
        for argument in arguments {
            values.append(try resolve(argument, input, context, &random))
        }
        if function == .format, case .string(let template) = arguments[0] {
            return .string(try format(template: template, values: Array(values.dropFirst())))
        }
        return try apply(values, random: &random)
    }

    private func resolve(_ argument: Argument, _ input: JSONValue, _ context: JSONValue, _ random: inout some RandomNumberGenerator) throws(StatesError) -> JSONValue {
        switch argument {
        case .string(let raw): return .string(Self.unescape(raw))
        case .number(let value): return .number(value)
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .path(let path):
            guard let value = path.evaluate(input: input, context: context) else {
                throw StatesError.runtime("The JSONPath '\(path)' specified in the intrinsic function '\(text)' could not be found in the input '\(input.jsonText)'")
            }
            return value
        case .call(let call): return try call.evaluate(input: input, context: context, random: &random)
        }
    }

    private func apply(_ values: [JSONValue], random: inout some RandomNumberGenerator) throws(StatesError) -> JSONValue {
        switch function {
        case .format:
            guard case .string(let template) = values[0] else { throw fail("needs a string template as its first argument") }
            return .string(try format(template: template.replacingOccurrences(of: "\\", with: "\\\\"), values: Array(values.dropFirst())))
        case .stringToJson:
            let text = try string(values[0], "the input")
            do {
                return try JSONParser.parse(text)
            } catch {
                throw fail("could not parse '\(text)' as JSON: \(error)")
            }
        case .jsonToString:
            return .string(values[0].jsonText)
        case .array:
            return .array(values)
        case .arrayPartition:
            let elements = try array(values[0], "the array")
            let size = try integer(values[1], "the chunk size")
            guard size > 0 else { throw fail("needs a chunk size greater than 0, not \(size)") }
            return .array(stride(from: 0, to: elements.count, by: size).map { .array(Array(elements[$0..<min($0 + size, elements.count)])) })
        case .arrayContains:
            return .bool(try array(values[0], "the array").contains(values[1]))
        case .arrayRange:
            let start = try integer(values[0], "the start")
            let end = try integer(values[1], "the end")
            let step = try integer(values[2], "the step")
            guard step != 0 else { throw fail("needs a step other than 0") }
            let range = Array(stride(from: start, through: end, by: step).prefix(1_001))
            guard range.count <= 1_000 else { throw fail("would return more than 1000 elements") }
            return .array(range.map { .number(Double($0)) })
        case .arrayGetItem:
            let elements = try array(values[0], "the array")
            let index = try integer(values[1], "the index")
            guard elements.indices.contains(index) else { throw fail("has index \(index) out of bounds for an array of \(elements.count)") }
            return elements[index]
        case .arrayLength:
            return .number(Double(try array(values[0], "the array").count))
        case .arrayUnique:
            var unique: [JSONValue] = []
            for element in try array(values[0], "the array") where !unique.contains(element) { unique.append(element) }
            return .array(unique)
        case .base64Encode:
            let text = try string(values[0], "the input", limit: 10_000)
            return .string(Data(text.utf8).base64EncodedString())
        case .base64Decode:
            let text = try string(values[0], "the input", limit: 10_000)
            guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                throw fail("could not decode '\(text)' as Base64 text")
            }
            return .string(decoded)
        case .hash:
            let data = Data(try string(values[0], "the data", limit: 10_000).utf8)
            let algorithm = try string(values[1], "the algorithm")
            return .string(try Self.hash(data, algorithm: algorithm, failing: fail))
        case .jsonMerge:
            guard case .object(var merged) = values[0], case .object(let other) = values[1] else { throw fail("needs two JSON objects to merge") }
            guard values[2] == .bool(false) else { throw fail("supports only a shallow merge: pass false as the third argument") }
            for member in other { merged[member.key] = member.value }
            return .object(merged)
        case .mathRandom:
            let start = try integer(values[0], "the start")
            let end = try integer(values[1], "the end")
            guard start < end else { throw fail("needs a start lower than its end") }
            if values.count == 3 {
                var seeded = SeedFromArgument(seed: UInt64(bitPattern: Int64(try integer(values[2], "the seed"))))
                return .number(Double(Int.random(in: start..<end, using: &seeded)))
            }
            return .number(Double(Int.random(in: start..<end, using: &random)))
        case .mathAdd:
            let a = try number(values[0], "the first value")
            let b = try number(values[1], "the second value")
            return .number((a + 0.5).rounded(.down) + (b + 0.5).rounded(.down))
        case .stringSplit:
            let text = try string(values[0], "the string")
            let delimiters = Set(try string(values[1], "the delimiter"))
            return .array(text.split(whereSeparator: { delimiters.contains($0) }).map { .string(String($0)) })
        case .uuid:
            return .string(Self.uuid(using: &random))
        }
    }

    private func format(template raw: String, values: [JSONValue]) throws(StatesError) -> String {
        var output = ""
        var index = 0
        var characters = raw.makeIterator()
        while let character = characters.next() {
            if character == "\\", let escaped = characters.next() {
                output.append(escaped)
            } else if character == "{" {
                guard characters.next() == "}" else { throw fail("has a '{' that is not a {} placeholder; escape it as \\{") }
                guard index < values.count else { throw fail("has more {} placeholders than arguments") }
                switch values[index] {
                case .string(let text): output += text
                case .array, .object: throw fail("can only insert strings, numbers, booleans and null, not \(values[index].typeName)s")
                default: output += values[index].jsonText
                }
                index += 1
            } else {
                output.append(character)
            }
        }
        guard index == values.count else { throw fail("has \(values.count) arguments for \(index) {} placeholders") }
        return output
    }

    private static func unescape(_ raw: String) -> String {
        guard raw.contains("\\") else { return raw }
        var output = ""
        var characters = raw.makeIterator()
        while let character = characters.next() {
            output.append(character == "\\" ? (characters.next() ?? "\\") : character)
        }
        return output
    }

    private static func hash(_ data: Data, algorithm: String, failing fail: (String) -> StatesError) throws(StatesError) -> String {
        let digest: [UInt8]
        switch algorithm {
        case "MD5": digest = Array(Insecure.MD5.hash(data: data))
        case "SHA-1": digest = Array(Insecure.SHA1.hash(data: data))
        case "SHA-256": digest = Array(SHA256.hash(data: data))
        case "SHA-384": digest = Array(SHA384.hash(data: data))
        case "SHA-512": digest = Array(SHA512.hash(data: data))
        default: throw fail("does not know the algorithm '\(algorithm)'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512")
        }
        return digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    private static func uuid(using random: inout some RandomNumberGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    private func fail(_ reason: String) -> StatesError {
        StatesError.intrinsic("States.\(function.rawValue) \(reason) (in '\(text)')")
    }

    private func string(_ value: JSONValue, _ what: String, limit: Int? = nil) throws(StatesError) -> String {
        guard case .string(let text) = value else { throw fail("needs a string for \(what), not \(value.typeName)") }
        if let limit, text.count > limit { throw fail("takes at most \(limit) characters for \(what)") }
        return text
    }

    private func array(_ value: JSONValue, _ what: String) throws(StatesError) -> [JSONValue] {
        guard case .array(let elements) = value else { throw fail("needs an array for \(what), not \(value.typeName)") }
        return elements
    }

    private func number(_ value: JSONValue, _ what: String) throws(StatesError) -> Double {
        guard case .number(let number) = value else { throw fail("needs a number for \(what), not \(value.typeName)") }
        return number
    }

    private func integer(_ value: JSONValue, _ what: String) throws(StatesError) -> Int {
        guard let integer = value.integerValue else { throw fail("needs an integer for \(what), not \(value.jsonText)") }
        return integer
    }
}

/// The generator behind `States.MathRandom`'s seed argument (SplitMix64), so a seed always gives the same number.
private struct SeedFromArgument: RandomNumberGenerator {
    var seed: UInt64

    mutating func next() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
