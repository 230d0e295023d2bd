import Determinism
import LegacyBackend
import Loyalty
import Storage
import TestSupport
import Testing

@Suite struct BackendTests {
    func purchase(_ id: String, at time: String) throws -> LoyaltyEvent {
        try EventDecoder().decode(TraceLines.purchase(id, by: "vp-1", at: time))
    }

    @Test func countsBecomeVisibleOnlyAfterTheySettle() async throws {
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 0))
        var settings = BackendSettings()
        settings.settle = 30_000...30_000
        settings.latency = 100...100
        let ledger = BackendLedger(file: try DatabaseFile.inMemory())
        let backend = LegacyBackend(ledger: ledger, clock: clock, settings: settings, rules: .standard, seed: 1)
        let event = try purchase("p-1", at: "08:00:00")
        let points = Locked<[Int64]>([])
        clock.spawn {
            _ = try? await backend.countPoints(event, key: "count:p-1")
            let early = (try? await backend.updateParticipant(ParticipantID(trusted: "vp-1"), key: "u-1")) ?? -1
            await clock.sleep(for: .seconds(30))
            let late = (try? await backend.updateParticipant(ParticipantID(trusted: "vp-1"), key: "u-2")) ?? -1
            points.withLock { $0 = [early, late] }
        }
        await clock.run()
        #expect(points.value == [0, 1])
        #expect(try ledger.records()[ParticipantID(trusted: "vp-1")]?.balance.points == 1)
    }

    @Test func aRepeatedKeyReturnsTheFirstAnswerAndCountsOnce() async throws {
        let clock = VirtualClock(start: Instant(millisecondsSinceEpoch: 0))
        var settings = BackendSettings()
        settings.failures = 1.0
        let ledger = BackendLedger(file: try DatabaseFile.inMemory())
        let backend = LegacyBackend(ledger: ledger, clock: clock, settings: settings, rules: .standard, seed: 3)
        let event = try purchase("p-1", at: "08:00:00")
        let failures = Locked(0)
        clock.spawn {
            for _ in 0..<6 {
                do {
                    _ = try await backend.countPoints(event, key: "count:p-1")
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        await clock.run()
        #expect(failures.value == 6, "every call fails, some after taking effect")
        #expect(try ledger.credits().map(\.entries).allSatisfy { $0 == 1 })
        #expect(try ledger.credits().count <= 1)
        #expect(backend.calls == 6)
    }

    @Test func theGuardKeepsALaterRecordFromAnEarlierOne() throws {
        let ledger = BackendLedger(file: try DatabaseFile.inMemory())
        let member = ParticipantID(trusted: "vp-1")
        let at = { (seconds: Int64) in Timestamp(millisecondsSinceEpoch: seconds * 1_000) }
        #expect(try ledger.writeRecord(of: member, points: 2, asOf: at(20), at: at(21), rules: .standard, guarded: true))
        #expect(try !ledger.writeRecord(of: member, points: 1, asOf: at(10), at: at(22), rules: .standard, guarded: true))
        #expect(try ledger.records()[member]?.balance.points == 2)
        #expect(try ledger.writeRecord(of: member, points: 1, asOf: at(10), at: at(23), rules: .standard, guarded: false))
        #expect(try ledger.records()[member]?.balance.points == 1, "without the guard, the stale read lands last")
    }
}
