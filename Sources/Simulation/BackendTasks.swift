import Determinism
import JSON
import LegacyBackend
import Loyalty
import StatesLanguage
import Workflows

/// The Lambda functions behind the state machines' Task states, calling the legacy backend.
///
/// | resource (short name) | what it does |
/// | --- | --- |
/// | `CountPoints` | counts the event in `event` (idempotent per event) |
/// | `UpdateParticipant` | overwrites the record of `participant` from its visible points |
/// | `UpdateParticipantIfNewer` | the same, never overwriting a record read from a later ledger |
/// | `CheckCount` | whether the count of the event in `event` is visible yet |
/// | `RecordLoyaltyFailure` | keeps the failed event for an operator |
enum BackendTasks {
    static func registry(backend: LegacyBackend, clock: any SimulationClock, billing: Billing, failures: Counter) -> TaskRegistry {
        var registry = TaskRegistry()
        func register(_ name: String, _ body: @escaping @Sendable (TaskInvocation) async throws -> JSONValue) {
            registry.register(name) { invocation in
                let started = clock.now
                defer { billing.record(milliseconds: started.duration(to: clock.now).milliseconds) }
                do {
                    return try await body(invocation)
                } catch let error as BackendError {
                    throw TaskFailure(error: error.name, cause: error.cause)
                }
            }
        }
        register("CountPoints") { invocation in
            let event = try event(in: invocation)
            let counted = try await backend.countPoints(event, key: "count:\(event.id)")
            return ["counted": .bool(counted)]
        }
        register("UpdateParticipant") { invocation in
            ["points": .number(Double(try await backend.updateParticipant(try participant(in: invocation), key: invocation.idempotencyKey)))]
        }
        register("UpdateParticipantIfNewer") { invocation in
            let points = try await backend.updateParticipant(try participant(in: invocation), key: invocation.idempotencyKey, guarded: true)
            return ["points": .number(Double(points))]
        }
        register("CheckCount") { invocation in
            let event = try event(in: invocation)
            var purchase = event.id
            if case .refund(let refund) = event.kind { purchase = refund.purchase }
            return ["settled": .bool(try await backend.isSettled(purchase: purchase, key: invocation.idempotencyKey))]
        }
        register("RecordLoyaltyFailure") { _ in
            failures.increment()
            return ["recorded": true]
        }
        return registry
    }

    /// The trace event in the task's `event` field (fields the workflow added are left out).
    private static func event(in invocation: TaskInvocation) throws -> LoyaltyEvent {
        guard case .object(let object)? = invocation.input["event"] else {
            throw TaskFailure(error: "Loyalty.BadInput", cause: "The task's input has no event object.")
        }
        do {
            return try EventDecoder().decode(object: object, otherFields: .ignored)
        } catch {
            throw TaskFailure(error: "Loyalty.BadInput", cause: "The event is not valid: \(error)")
        }
    }

    private static func participant(in invocation: TaskInvocation) throws -> ParticipantID {
        guard let text = invocation.input["participant"]?.stringValue, let participant = try? ParticipantID(validating: text) else {
            throw TaskFailure(error: "Loyalty.BadInput", cause: "The task's input has no valid participant.")
        }
        return participant
    }
}
