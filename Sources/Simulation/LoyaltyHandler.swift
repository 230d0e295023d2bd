import Determinism
import JSON
import LegacyBackend
import Loyalty
import StatesLanguage
import Synchronization
import Workflows

/// The loyalty handler subscribed to the purchase topic: one Lambda invocation per delivery.
///
/// Redemptions are one call to the backend in every strategy. For a purchase or a refund of a member:
/// - `direct` counts the points and updates the member's record back to back;
/// - `sleep` sleeps `wait` between the two calls, and is billed for it;
/// - `orchestrated` and `adaptive` start a workflow execution named after the event, which makes a
///   repeated delivery return the first execution instead of starting another.
final class LoyaltyHandler: Sendable {
    enum Mode: Sendable {
        case direct
        case sleep(milliseconds: Int64)
        case workflow(engine: WorkflowEngine, machine: String)
    }

    /// How long the handler's StartExecution call takes.
    static let startExecutionMilliseconds: Int64 = 25
    /// Attempts of each backend call before the handler gives up on the event.
    static let attempts = 3

    private let mode: Mode
    private let backend: LegacyBackend
    private let clock: any SimulationClock
    private let billing: Billing
    private let abandoned = Mutex(0)

    init(mode: Mode, backend: LegacyBackend, clock: any SimulationClock, billing: Billing) {
        self.mode = mode
        self.backend = backend
        self.clock = clock
        self.billing = billing
    }

    /// Events the handler gave up on after its retries.
    var abandonedEvents: Int { abandoned.withLock { $0 } }

    func handle(_ event: LoyaltyEvent) async {
        let started = clock.now
        defer { billing.record(milliseconds: started.duration(to: clock.now).milliseconds) }
        if case .redemption = event.kind {
            await attempt { _ = try await backend.redeem(event, key: "redeem:\(event.id)") }
            return
        }
        guard let participant = event.participant else { return }
        switch mode {
        case .direct, .sleep:
            guard await attempt({ _ = try await backend.countPoints(event, key: "count:\(event.id)") }) else { return }
            if case .sleep(let milliseconds) = mode { await clock.sleep(for: .milliseconds(milliseconds)) }
            await attempt { _ = try await backend.updateParticipant(participant, key: "update:\(event.id)") }
        case .workflow(let engine, let machine):
            await clock.sleep(for: .milliseconds(Self.startExecutionMilliseconds))
            do {
                _ = try engine.start(machine: machine, name: event.id.rawValue, input: .object(event.jsonObject))
            } catch {
                abandoned.withLock { $0 += 1 }
            }
        }
    }

    /// Runs a backend call up to ``attempts`` times; counts the event abandoned if every attempt failed.
    @discardableResult
    private func attempt(_ call: () async throws -> Void) async -> Bool {
        for _ in 0..<Self.attempts {
            do {
                try await call()
                return true
            } catch {
                continue
            }
        }
        abandoned.withLock { $0 += 1 }
        return false
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 { Instant.milliseconds(self) }
}
