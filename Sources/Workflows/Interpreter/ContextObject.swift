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

    static func build(execution: ExecutionState, run: Run, now: Instant, taskToken: String? = nil, mapItem: JSONValue? = nil) -> JSONValue {
        let executionObject = JSONObject(uniqueMembers: [
            ("Id", .string(execution.id)), ("Input", execution.input), ("Name", .string(execution.name)), ("RoleArn", .string(roleARN)),
            ("StartTime", .string(execution.startedAt.rfc3339)), ("RedriveCount", 0),
        ])
        let state = JSONObject(uniqueMembers: [
            ("EnteredTime", .string(run.enteredAt.rfc3339)), ("Name", .string(run.state)), ("RetryCount", .number(Double(run.retryCount))),
        ])
        let machine = JSONObject(uniqueMembers: [("Id", .string(machineARN(execution.machine))), ("Name", .string(execution.machine))])
        var context = JSONObject(uniqueMembers: [("Execution", .object(executionObject)), ("State", .object(state)), ("StateMachine", .object(machine))])
        if let taskToken {
            var task = JSONObject()
            task["Token"] = .string(taskToken)
            context["Task"] = .object(task)
        }
        if let item = mapItem {
            var map = JSONObject()
            map["Item"] = item
            context["Map"] = .object(map)
        }
        return .object(context)
    }
}
