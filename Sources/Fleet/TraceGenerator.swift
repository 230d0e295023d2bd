import Determinism
import Foundation
import HeapModule
import Loyalty

/// Streams a trace of the simulated fleet in time order, with memory that does not grow with its length.
///
/// Each machine draws its customers from a Poisson process whose rate follows its site's day and week;
/// each tap runs a cashless session (see ``CashlessSession``); the events it produces wait in a small
/// queue until no earlier event can come, then are written. One seed gives one trace, byte for byte.
///
/// ```swift
/// var generator = TraceGenerator(settings: settings)
/// var sink = FileSink(handle: .standardOutput)
/// try generator.generate(into: &sink, format: .jsonl)
/// ```
public struct TraceGenerator {
    public let settings: GeneratorSettings
    var fleet: Fleet
    var random: SeededGenerator
    var arrivals = Heap<Arrival>()
    var pending = Heap<GeneratedEvent>()
    var order: Int64 = 0
    /// Points and free drinks taken per member, to know when a member's app shows a free drink.
    var points: [Int32]
    var redeemed: [Int32]
    /// Taps per member on `tapDay`, against the member's daily budget.
    var tapsToday: [UInt8]
    var tapDay: [Int32]
    /// What the trace holds so far.
    public internal(set) var statistics: GeneratorStatistics
    let end: Int64

    struct Arrival: Comparable {
        let time: Int64
        let machine: Int32

        static func < (lhs: Arrival, rhs: Arrival) -> Bool { (lhs.time, lhs.machine) < (rhs.time, rhs.machine) }
    }

    /// Builds the fleet and its members from the settings' seed.
    public init(settings: GeneratorSettings) {
        self.settings = settings
        var random = SeededGenerator(seed: settings.seed, stream: "fleet")
        fleet = Fleet(settings: settings, random: &random)
        self.random = random
        points = Array(repeating: 0, count: settings.participants)
        redeemed = Array(repeating: 0, count: settings.participants)
        tapsToday = Array(repeating: 0, count: settings.participants)
        tapDay = Array(repeating: -1, count: settings.participants)
        statistics = GeneratorStatistics(participants: settings.participants)
        end = settings.start.millisecondsSinceEpoch + Int64(settings.days) * 86_400_000
        for index in fleet.machines.indices {
            fleet.refillIfDue(index, at: settings.start.millisecondsSinceEpoch)
            let time = nextArrival(of: index, after: settings.start.millisecondsSinceEpoch)
            if time < end { arrivals.insert(Arrival(time: time, machine: Int32(index))) }
        }
    }

    /// Writes the whole trace to `sink` in `format`, calling `progress` with the hours of trading
    /// simulated so far and their total.
    public mutating func generate(
        into sink: inout some ByteSink, format: TraceFormat, progress: (_ hoursDone: Int, _ hoursTotal: Int) -> Void = { _, _ in }
    ) throws {
        let encoder = TraceEncoder(fleet: fleet)
        if format == .csv { encoder.append(raw: TraceFormat.csvHeader) }
        try run(progress: progress) { event in
            switch format {
            case .jsonl: encoder.appendJSONLine(event)
            case .csv: encoder.appendCSVLine(event)
            }
            if encoder.isFull { try encoder.flush(into: &sink) }
        }
        try encoder.flush(into: &sink)
        statistics.bytes = encoder.flushed
    }

    /// The trace its lines would parse to, named `file` in messages, with the same trace-level checks
    /// (numbered as the lines would be), built without writing the lines (for a replay of a generated
    /// trace).
    ///
    /// - Throws: ``Loyalty/TraceError`` as parsing the lines would.
    public mutating func generateTrace(file: String, progress: (_ hoursDone: Int, _ hoursTotal: Int) -> Void = { _, _ in }) throws -> Trace {
        let builder = try GeneratedEventBuilder(fleet: fleet)
        var parser = TraceParser(file: file, capacity: fleet.expectedSessions(from: settings.start.millisecondsSinceEpoch, to: end))
        var number = 0
        try run(progress: progress) { event in
            number += 1
            parser.add(event: builder.event(event), number: number)
        }
        return try parser.finish()
    }

    /// Runs the fleet to the end, handing each event to `emit` in time order.
    private mutating func run(progress: (_ hoursDone: Int, _ hoursTotal: Int) -> Void, emit: (GeneratedEvent) throws -> Void) throws {
        let start = settings.start.millisecondsSinceEpoch
        let hours = Int((end - start) / 3_600_000)
        var reported = start
        while true {
            let next = arrivals.min?.time ?? .max
            while let event = pending.min, event.time <= next {
                pending.removeMin()
                record(event)
                try emit(event)
            }
            guard let arrival = arrivals.popMin() else { break }
            if arrival.time - reported > 3_600_000 {
                reported = arrival.time
                progress(Int((arrival.time - start) / 3_600_000), hours)
            }
            serve(machine: Int(arrival.machine), at: arrival.time)
            let following = nextArrival(of: Int(arrival.machine), after: arrival.time)
            if following < end { arrivals.insert(Arrival(time: following, machine: arrival.machine)) }
        }
        progress(hours, hours)
    }

    /// The next customer's arrival after `time`: a Poisson process whose rate is constant within each hour.
    private mutating func nextArrival(of machine: Int, after time: Int64) -> Int64 {
        var remaining = -log(Double.random(in: Double.ulpOfOne..<1, using: &random))
        var now = time
        while now < end {
            let rate = fleet.rate(of: machine, at: now)
            let hourEnd = (now / 3_600_000 + 1) * 3_600_000
            let expected = rate * Double(hourEnd - now)
            if expected >= remaining {
                return now + max(1, Int64(remaining / rate))
            }
            remaining -= expected
            now = hourEnd
        }
        return .max
    }

    private mutating func record(_ event: GeneratedEvent) {
        let hour = Int((event.time % 86_400_000 + 86_400_000) % 86_400_000 / 3_600_000)
        statistics.eventsByHour[hour] += 1
        if event.member >= 0 { statistics.eventsByMember[Int(event.member)] += 1 }
    }

    /// The Vending Pass id of the member at `index`.
    public func memberID(_ index: Int) -> String {
        String(decoding: fleet.memberIDs[index], as: UTF8.self)
    }

    /// Queues an event of the current session.
    mutating func emit(_ kind: GeneratedEvent.Kind, at time: Int64, machine: Int, session: Int32, member: Int32?, applePay: Bool, slot: Int) {
        order += 1
        pending.insert(
            GeneratedEvent(
                time: time, order: order, kind: kind, machine: Int32(machine), session: session, member: member ?? -1, applePay: applePay,
                slot: UInt8(slot), product: UInt8(fleet.slotProduct[machine * Fleet.slotsPerMachine + slot])
            )
        )
    }
}
