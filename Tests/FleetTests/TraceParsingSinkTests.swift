import Fleet
import Foundation
import Loyalty
import Testing

/// A generated trace parsed as it is written must be the trace parsed from the whole text, whatever
/// the sizes of the writes, and a bad line must still be named by its number.
@Suite struct TraceParsingSinkTests {
    @Test(arguments: [1, 7, 4_096])
    func parsingWhileWritingGivesTheSameTrace(chunk: Int) throws {
        var settings = GeneratorSettings()
        settings.machines = 6
        settings.participants = 40
        settings.days = 1
        var generator = TraceGenerator(settings: settings)
        var memory = MemorySink()
        try generator.generate(into: &memory, format: .jsonl)
        let whole = try Trace.parse(String(decoding: memory.bytes, as: UTF8.self))

        var sink = TraceParsingSink(file: "generated")
        for start in stride(from: 0, to: memory.bytes.count, by: chunk) {
            try sink.write(Array(memory.bytes[start..<min(start + chunk, memory.bytes.count)]))
        }
        let parsed = try sink.finish()

        #expect(!whole.events.isEmpty)
        #expect(parsed.events == whole.events)
        #expect(parsed.lines == whole.lines)
    }

    @Test func aBadLineIsNamedByItsNumberAndALastLineNeedsNoBreak() throws {
        var generator = TraceGenerator(settings: GeneratorSettings())
        var memory = MemorySink()
        try generator.generate(into: &memory, format: .jsonl)
        let firstLine = try #require(memory.bytes.split(separator: UInt8(ascii: "\n")).first)
        var sink = TraceParsingSink(file: "generated")
        try sink.write(Array(firstLine) + Array("\n".utf8))
        try sink.write(Array(#"{"id":"e-2","type":"bogus"}"#.utf8))
        #expect {
            try sink.finish()
        } throws: { error in
            (error as? TraceError)?.problems.first?.line == 2
        }
    }
}
