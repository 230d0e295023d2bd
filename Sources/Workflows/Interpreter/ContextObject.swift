import Determinism
import JSON
import StatesLanguage

/// The context object (`$$`) that paths and templates may read.
enum ContextObject {
    static let region = "local"
    static let account = "000000000000"
    /// The role executions run as, as `$$.Execution.RoleArn` and the history show it.
    static let roleARN = "arn:aws:iam::\(account):role/vendingpass"

    /// The state machine's ARN.
    static func machineARN(_ machine: String) -> String {
        "arn:aws:states:\(region):\(account):stateMachine:\(machine)"
    }

    /// An execution's ARN, built in one allocation (every start builds one; interpolation grew it in steps).
    static func executionARN(machine: String, name: String) -> String {
        joined(executionPrefix, machine, ":", name)
    }

    private static let executionPrefix = "arn:aws:states:\(region):\(account):execution:"

    /// The parts one after another, in a string allocated once at its final size.
    static func joined(_ first: String, _ second: String, _ third: String, _ fourth: String) -> String {
        var joined = ""
        joined.reserveCapacity(first.utf8.count + second.utf8.count + third.utf8.count + fourth.utf8.count)
        joined += first
        joined += second
        joined += third
        joined += fourth
        return joined
    }

    /// The context object, with only the `sections` asked for (all of them unless told).
    static func build(
        execution: ExecutionState, run: Run, now: Instant, sections: ContextSections = .all, taskToken: String? = nil, mapItem: JSONValue? = nil
    ) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if sections.contains(.execution) {
            members.append((
                "Execution",
                .object(JSONObject(uniqueMembers: [
                    ("Id", .string(execution.id)), ("Input", execution.input), ("Name", .string(execution.name)), ("RoleArn", .string(roleARN)),
                    ("StartTime", .string(execution.startedAt.rfc3339)), ("RedriveCount", 0),
                ]))
            ))
        }
        if sections.contains(.state) {
            members.append((
                "State",
                .object(JSONObject(uniqueMembers: [
                    ("EnteredTime", .string(run.enteredAt.rfc3339)), ("Name", .string(run.state)), ("RetryCount", .number(Double(run.retryCount))),
                ]))
            ))
        }
        if sections.contains(.stateMachine) {
            members.append(("StateMachine", .object(JSONObject(uniqueMembers: [("Id", .string(machineARN(execution.machine))), ("Name", .string(execution.machine))]))))
        }
        if let taskToken, sections.contains(.task) {
            members.append(("Task", .object(JSONObject(uniqueMembers: [("Token", .string(taskToken))]))))
        }
        if let mapItem, sections.contains(.map) {
            members.append(("Map", .object(JSONObject(uniqueMembers: [("Item", mapItem)]))))
        }
        return .object(JSONObject(uniqueMembers: members))
    }
}
