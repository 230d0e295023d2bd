import Determinism
import Foundation
import JSON
import StatesLanguage
import Workflows

/// An engine on a virtual clock with handlers that record their calls.
public final class EngineFixture: Sendable {
    /// The instant every fixture clock starts at.
    public static let start = Instant(millisecondsSinceEpoch: 1_795_507_200_000)

    /// The clock the engine and handlers run on.
    public let clock: VirtualClock
    /// The engine under test.
    public let engine: WorkflowEngine
    /// Every handler call, in order.
    public let calls = Locked<[Call]>([])

    /// One handler call.
    public struct Call: Sendable {
        public let state: String
        public let key: String
        public let at: Instant
        public let attempt: Int
    }

    /// - Parameters:
    ///   - handlers: by state name, what each call does; the default returns `{"ok": true}` at once.
    public init(
        definition: String, machine: String = "m", store: any WorkflowStore = InMemoryWorkflowStore(), start: Instant = EngineFixture.start,
        options: WorkflowEngine.Options = WorkflowEngine.Options(), handlers: [String: @Sendable (TaskInvocation, VirtualClock) async throws -> JSONValue] = [:]
    ) throws {
        let clock = VirtualClock(start: start)
        self.clock = clock
        let calls = self.calls
        var registry = TaskRegistry()
        registry.registerFallback { invocation in
            calls.withLock { $0.append(Call(state: invocation.stateName, key: invocation.idempotencyKey, at: clock.now, attempt: invocation.attempt)) }
            if let handler = handlers[invocation.stateName] { return try await handler(invocation, clock) }
            return ["ok": true]
        }
        engine = WorkflowEngine(clock: clock, store: store, registry: registry, options: options)
        engine.register(machine: machine, try StateMachine.parse(definition))
        try engine.resume()
    }

    /// Calls made to the state named `state`.
    public func calls(to state: String) -> [Call] {
        calls.withLock { $0.filter { $0.state == state } }
    }

    /// Seconds from the fixture's start to `instant`.
    public static func seconds(_ instant: Instant) -> Double {
        Double(instant.millisecondsSinceEpoch - start.millisecondsSinceEpoch) / 1000
    }

    /// The story's state machine.
    public static let vendingPass = try! String(contentsOfFile: ProjectPaths.file("Scenarios/workflows/vending-pass.asl.json"), encoding: .utf8)
    /// A purchase event as the state machine's input.
    public static let purchase: JSONValue = ["id": "e-000001", "type": "purchase", "participant": "vp-1"]
}
