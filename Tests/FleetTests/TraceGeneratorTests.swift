import Fleet
import Foundation
import Loyalty
import Testing

@Suite struct TraceGeneratorTests {
    func generate(_ settings: GeneratorSettings, format: TraceFormat = .jsonl) throws -> (text: String, statistics: GeneratorStatistics) {
        var generator = TraceGenerator(settings: settings)
        var sink = MemorySink()
        try generator.generate(into: &sink, format: format)
        return (String(decoding: sink.bytes, as: UTF8.self), generator.statistics)
    }

    func settings(machines: Int = 12, participants: Int = 150, days: Int = 2, seed: UInt64 = 42) -> GeneratorSettings {
        var settings = GeneratorSettings()
        settings.machines = machines
        settings.participants = participants
        settings.days = days
        settings.seed = seed
        return settings
    }

    @Test func oneSeedGivesOneTraceByteForByte() throws {
        let first = try generate(settings()).text
        let second = try generate(settings()).text
        #expect(first == second)
        #expect(!first.isEmpty)
        #expect(try generate(settings(seed: 43)).text != first)
    }

    @Test func everyEventIsValidCanonicalAndInTimeOrder() throws {
        let (text, statistics) = try generate(settings(days: 3))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == statistics.events)
        let decoder = EventDecoder()
        var previous = Timestamp(millisecondsSinceEpoch: .min)
        for line in lines {
            let event = try decoder.decode(line)
            #expect(event.jsonLine == line, "generated lines are in the canonical form")
            #expect(event.time >= previous)
            previous = event.time
        }
        let trace = try Trace.parse(text, file: "generated.jsonl")
        #expect(trace.duplicateLines == 0)
        let truth = ReferenceLedger(trace: trace, rules: .standard)
        #expect(truth.tally.refunds == statistics.refunds)
        #expect(truth.tally.redemptionsAccepted == statistics.redemptions, "the generator redeems only what the member's app shows")
        #expect(truth.tally.redemptionsDenied == 0)
    }

    @Test func csvHoldsTheSameEvents() throws {
        let jsonl = try generate(settings(days: 1)).text.split(separator: "\n").map(String.init)
        let csv = try generate(settings(days: 1), format: .csv).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(csv.first == "id,type,time,machine,participant,payment,sku,slot,amount,currency,purchase")
        let rows = csv.dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == jsonl.count)
        let names = csv[0].split(separator: ",").map(String.init)
        for (row, line) in zip(rows, jsonl) {
            let values = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let fields = zip(names, values).filter { !$0.1.isEmpty }.map { name, value in
                name == "amount" ? "\"\(name)\":\(value)" : "\"\(name)\":\"\(value)\""
            }
            #expect(try EventDecoder().decode("{" + fields.joined(separator: ",") + "}") == EventDecoder().decode(line))
        }
    }

    /// Rates are drawn per session, so each count is binomial: the test allows 4.5 standard deviations.
    @Test func theOutcomeMixMatchesTheConfiguredRates() throws {
        var settings = settings(machines: 60, participants: 60_000, days: 5, seed: 7)
        settings.rates.anonymous = 0.25
        settings.rates.applePay = 0.6
        settings.rates.denied = 0.05
        settings.rates.vendFailure = 0.03
        let (text, statistics) = try generate(settings)
        #expect(statistics.sessions > 30_000)

        func expectRate(_ count: Int, of trials: Int, near rate: Double, _ name: String) {
            let sigma = (rate * (1 - rate) / Double(trials)).squareRoot()
            let observed = Double(count) / Double(trials)
            #expect(abs(observed - rate) <= 4.5 * sigma, "\(name): \(observed) over \(trials) trials, configured \(rate)")
        }
        expectRate(statistics.denied, of: statistics.denied + statistics.purchases, near: 0.05, "declined payments")
        expectRate(statistics.refunds, of: statistics.purchases, near: 0.03, "vend failures")
        let purchases = text.split(separator: "\n").filter { $0.contains(#""type":"purchase""#) }
        let memberPurchases = purchases.filter { !$0.contains(#""payment":"card""#) }
        expectRate(memberPurchases.filter { $0.contains("apple_pay") }.count, of: memberPurchases.count, near: 0.6, "Apple Pay among members")
        expectRate(statistics.anonymousPurchases, of: statistics.purchases, near: 0.25, "anonymous taps")
    }

    @Test func trafficFollowsTheDay() throws {
        let statistics = try generate(settings(machines: 40, days: 7)).statistics
        let night = statistics.eventsByHour[2...4].reduce(0, +)
        let morning = statistics.eventsByHour[7...9].reduce(0, +)
        #expect(morning > 10 * max(1, night))
        #expect(statistics.soldOutSelections > 0, "popular slots run out between refills")
        #expect(statistics.redemptions > 0)
    }

    @Test func unusableSettingsAreNamed() {
        var settings = GeneratorSettings()
        settings.rates.denied = 1.5
        #expect(settings.problem == "denied is 1.5; rates are between 0 and 1")
        settings = GeneratorSettings()
        settings.machines = 0
        #expect(settings.problem == "machines is 0; a fleet needs at least 1 machine")
    }
}
