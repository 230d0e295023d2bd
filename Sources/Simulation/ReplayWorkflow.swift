import Foundation
import StatesLanguage

/// The state machine a replay's strategy runs, read and checked before the replay creates anything, so
/// that a scenario naming a missing or invalid workflow fails before its `--db` file exists.
enum ReplayWorkflow {
    /// The state machine of `strategy` (nil for `direct` and `sleep`, which run none): the scenario's
    /// `workflow` for `orchestrated`, its Wait states set to the scenario's `wait`, and its
    /// `adaptiveWorkflow` for `adaptive`.
    ///
    /// - Throws: ``ReplayError/missingWorkflow(path:key:)`` when the file cannot be read,
    ///   ``ReplayError/invalidWorkflow(path:problems:)`` when it is not a valid state machine.
    static func load(for scenario: Scenario, strategy: Strategy) throws -> StateMachine? {
        let path: String
        let key: String
        switch strategy {
        case .direct, .sleep: return nil
        case .orchestrated: (path, key) = (scenario.workflow, "workflow")
        case .adaptive: (path, key) = (scenario.adaptiveWorkflow, "adaptiveWorkflow")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ReplayError.missingWorkflow(path: path, key: key) }
        let definition: StateMachine
        do {
            definition = try StateMachine.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw ReplayError.invalidWorkflow(path: path, problems: error.problems.map(\.description))
        }
        guard strategy == .orchestrated, scenario.waitMilliseconds != 90_000 else { return definition }
        return waiting(definition, milliseconds: scenario.waitMilliseconds)
    }

    /// The orchestrated machine with its Wait states set to the scenario's `wait`.
    private static func waiting(_ machine: StateMachine, milliseconds: Int64) -> StateMachine {
        var states = machine.states
        for (name, state) in states {
            if case .wait = state.kind {
                states[name] = State(name: name, kind: .wait(.seconds(Int((milliseconds + 999) / 1_000))), transition: state.transition, io: state.io)
            }
        }
        return StateMachine(startAt: machine.startAt, states: states, stateNames: machine.stateNames, timeoutSeconds: machine.timeoutSeconds)
    }
}
