import Determinism
@testable import Fleet
import Foundation
import Loyalty
import Testing

/// A replay of a generated trace takes its events built directly; they must be the events its lines
/// parse to, in the same order, with the same trace-level checks.
@Suite struct GeneratedEventBuilderTests {
    func settings(days: Int) -> GeneratorSettings {
        var settings = GeneratorSettings()
        settings.machines = 12
        settings.participants = 150
        settings.days = days
        settings.seed = 42
        return settings
    }

    @Test func builtEventsAreTheEventsTheLinesParseTo() throws {
        var writer = TraceGenerator(settings: settings(days: 3))
        var sink = MemorySink()
        try writer.generate(into: &sink, format: .jsonl)
        let parsed = try Trace.parse(String(decoding: sink.bytes, as: UTF8.self))

        var builder = TraceGenerator(settings: settings(days: 3))
        let built = try builder.generateTrace(file: "generated")

        #expect(Set(built.events.map(\.type)) == [.purchase, .refund, .redemption])
        #expect(built.events == parsed.events)
        #expect(built.lines == parsed.lines)
        #expect(builder.statistics.events == writer.statistics.events)
    }

    /// The parser's tables are sized up front from the fleet's expected customers: a little more than the
    /// events, never far more (the room is memory a replay holds).
    @Test func theExpectedSessionsBoundTheEventsClosely() throws {
        var generator = TraceGenerator(settings: settings(days: 7))
        let expected = generator.fleet.expectedSessions(from: generator.settings.start.millisecondsSinceEpoch, to: generator.end)
        _ = try generator.generateTrace(file: "generated")
        let sessions = generator.statistics.sessions
        let events = generator.statistics.events
        #expect(Double(expected) > Double(sessions) * 0.9 && Double(expected) < Double(sessions) * 1.1)
        #expect(expected > events && Double(expected) < Double(events) * 1.25, "\(expected) for \(events) events")
    }

    @Test func aSessionPastSevenDigitsKeepsAllItsDigits() throws {
        var random = SeededGenerator(seed: 1, stream: "fleet")
        let fleet = Fleet(settings: settings(days: 1), random: &random)
        let generated = GeneratedEvent(
            time: 1_795_392_002_561, order: 1, kind: .refund, machine: 3, session: 12_345_678, member: 7, applePay: true, slot: 2, product: 1
        )
        let encoder = TraceEncoder(fleet: fleet)
        encoder.appendJSONLine(generated)
        var sink = MemorySink()
        try encoder.flush(into: &sink)
        let line = String(decoding: sink.bytes.dropLast(), as: UTF8.self)
        let event = try GeneratedEventBuilder(fleet: fleet).event(generated)
        #expect(event == (try EventDecoder().decode(line)))
        #expect(event.id.rawValue.hasSuffix("-12345678-r"))
    }
}
