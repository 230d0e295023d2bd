import Loyalty
import PropertyBased
import TestSupport
import Testing

/// Delivery order comes from event times, and repeated deliveries are ignored, so the order of a
/// trace's lines and repeated lines must not change any balance.
@Suite struct ShuffledTraceTests {
    /// A trace from small integers: each picks a member and what happens, at its own distinct second.
    static func lines(from steps: [Int]) -> [String] {
        var lines: [String] = []
        var purchases: [(id: String, member: String?)] = []
        for (index, step) in steps.enumerated() {
            let member = "vp-\(step % 4)"
            let time = TraceLines.time(secondsAfterEight: index * 30)
            switch step / 4 % 5 {
            case 0, 1, 2:
                let buyer = step % 7 == 0 ? nil : member
                lines.append(TraceLines.purchase("p-\(index)", by: buyer, at: time))
                purchases.append(("p-\(index)", buyer))
            case 3 where !purchases.isEmpty:
                let target = purchases[step % purchases.count]
                lines.append(TraceLines.refund("r-\(index)", of: target.id, by: target.member, at: time))
            default:
                lines.append(TraceLines.redemption("d-\(index)", by: member, at: time))
            }
        }
        return lines
    }

    static func balances(_ lines: [String]) throws -> [ParticipantID: MemberBalance] {
        ReferenceLedger(trace: try Trace.parse(TraceLines.join(lines)), rules: try ProgramRules(pointsPerPurchase: 1, freeDrinkEvery: 3)).balances
    }

    @Test func shufflingAndRepeatingLinesChangesNoBalance() async throws {
        await propertyCheck(count: 200, input: Gen.int(in: 0...99).array(of: 1...60), Gen.int(in: 0...Int(Int32.max))) { steps, seed in
            let lines = Self.lines(from: steps)
            var generator = SplitMix64(seed: UInt64(seed))
            var shuffled = lines + lines.filter { _ in Bool.random(using: &generator) }
            shuffled.shuffle(using: &generator)
            do {
                #expect(try Self.balances(shuffled) == Self.balances(lines))
            } catch {
                Issue.record("a generated trace was refused: \(error)")
            }
        }
    }
}

/// A small seeded generator so that the shuffle is part of the reproducible input.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
