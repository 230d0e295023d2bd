import Determinism
import Loyalty
import Storage
import Synchronization

/// The deliberately slow legacy backend of the story, with its state in SQLite.
///
/// - CountPoints records a purchase's points (or a refund's reversal); readers see them only after a
///   settle delay drawn per count.
/// - UpdateParticipant reads the visible points and overwrites the member's record with them: a call
///   made before an earlier count has settled writes a stale record. It reads early in its latency and
///   writes at the end, so two overlapping calls may land in either order, as on the real system.
/// - Each call takes a latency; a fraction fails with ``BackendError``, before or after taking effect.
/// - Every call carries an idempotency key, and a repeated key returns the first answer.
///
/// Every delay is on the given clock and every draw comes from the seed, so a replay is repeatable.
public final class LegacyBackend: Sendable {
    private let ledger: BackendLedger
    private let clock: any SimulationClock
    private let settings: BackendSettings
    private let rules: ProgramRules
    private let seed: UInt64
    private let state = Mutex(Counters())

    private struct Counters {
        var calls = 0
        /// Attempts made per idempotency key, by the key's 64-bit hash: a replay makes hundreds of
        /// thousands of calls, and holding every key's text would cost a hundred bytes a call.
        var attempts: [UInt64: UInt32] = [:]
    }

    /// A backend on `ledger`, sleeping on `clock`.
    public init(ledger: BackendLedger, clock: any SimulationClock, settings: BackendSettings, rules: ProgramRules, seed: UInt64) {
        self.ledger = ledger
        self.clock = clock
        self.settings = settings
        self.rules = rules
        self.seed = seed
    }

    /// Calls made so far, failed ones included.
    public var calls: Int { state.withLock { $0.calls } }

    /// Counts `event` (a purchase or a refund). The points become visible after the settle delay.
    ///
    /// - Returns: false when the event had been counted before (a repeated delivery).
    @discardableResult
    public func countPoints(_ event: LoyaltyEvent, key: String) async throws -> Bool {
        try await call("CountPoints", key: key) { random in
            let visibleAt = clock.now.advanced(by: .milliseconds(Self.draw(settings.settle, &random)))
            return try ledger.once(key: key) { transaction in
                let outcome = try transaction.count(event, rules: rules, visibleAt: Timestamp(visibleAt))
                return outcome == .duplicate ? "duplicate" : "counted"
            }.answer
        } == "counted"
    }

    /// Reads the member's visible points and overwrites the member's record with them.
    ///
    /// - Parameter guarded: only write when no record read from a later ledger is already there
    ///   (the adaptive strategy's guard against stale and out-of-order overwrites).
    /// - Returns: the points written (or that would have been, when the guard refused them).
    @discardableResult
    public func updateParticipant(_ participant: ParticipantID, key: String, guarded: Bool = false) async throws -> Int64 {
        let answer = try await call("UpdateParticipant", key: key, split: true) { random in
            let asOf = Timestamp(clock.now)
            let points: Int64
            switch try ledger.responseOrVisiblePoints(for: key, of: participant, at: asOf) {
            case .answered(let stored): return stored
            case .visible(let visible): points = visible
            }
            await clock.sleep(for: .milliseconds(Self.draw(settings.latency, &random) / 2))
            let now = Timestamp(clock.now)
            return try ledger.once(key: key) { transaction in
                _ = try transaction.writeRecord(of: participant, points: points, asOf: asOf, at: now, rules: rules, guarded: guarded)
                return String(points)
            }.answer
        }
        return Int64(answer) ?? 0
    }

    /// Takes a free drink if the member's record, as it stands, shows one.
    public func redeem(_ event: LoyaltyEvent, key: String) async throws -> Bool {
        try await call("Redeem", key: key) { _ in
            try ledger.once(key: key) { transaction in
                try transaction.redeem(event, at: Timestamp(clock.now)) ? "accepted" : "denied"
            }.answer
        } == "accepted"
    }

    /// Whether the count of `purchase` (or of its reversal) is visible to readers yet.
    public func isSettled(purchase: EventID, key: String) async throws -> Bool {
        try await call("CheckCount", key: key) { _ in
            try ledger.once(key: key) { transaction in
                let settled = try transaction.isSettled(purchase: purchase, at: Timestamp(clock.now)) ?? true
                return settled ? "settled" : "pending"
            }.answer
        } == "settled"
    }

    /// Runs one call: its latency and its failure, before or after the effect. The effect itself
    /// honours the idempotency key (see ``BackendLedger/once(key:_:)``).
    ///
    /// - Parameter split: the effect sleeps half the latency itself (UpdateParticipant reads, waits, writes).
    private func call(_ operation: String, key: String, split: Bool = false, effect: (inout SeededGenerator) async throws -> String) async throws -> String {
        let hash = StreamHash.of(key)
        let attempt = state.withLock { state in
            state.calls += 1
            state.attempts[hash, default: 0] += 1
            return state.attempts[hash, default: 0]
        }
        var random = SeededGenerator(seed: seed, stream: "\(operation)|\(key)|\(attempt)")
        let latency = Self.draw(settings.latency, &random)
        let failure = Double.random(in: 0..<1, using: &random) < settings.failures
        let failsAfterEffect = Bool.random(using: &random)
        await clock.sleep(for: .milliseconds(split ? latency / 2 : latency))
        if failure, !failsAfterEffect { throw BackendError.unavailable(operation) }
        let answer = try await effect(&random)
        if failure { throw BackendError.unavailable(operation) }
        return answer
    }

    private static func draw(_ range: ClosedRange<Int64>, _ random: inout SeededGenerator) -> Int64 {
        range.lowerBound == range.upperBound ? range.lowerBound : Int64.random(in: range, using: &random)
    }
}
