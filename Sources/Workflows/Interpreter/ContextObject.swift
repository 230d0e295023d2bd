import Determinism
import JSON
import StatesLanguage

/// The context object (`$$`) that paths and templates may read.
enum ContextObject {
    static let region = "local"
    static let account = "000000000000"

    /// The state machine's ARN.
    static func machineARN(_ machine: String) -> String {
        "arn:aws:states:\(region):\(account):stateMachine:\(machine)"
    }

    /// An execution's ARN.
    static func executionARN(machine: String, name: String) -> String {
        "arn:aws:states:\(region):\(account):execution:\(machine):\(name)"
    }

    static func build(execution: ExecutionState, run: Run, now: Instant, taskToken: String? = nil, mapItem: JSONValue? = nil) -> JSONValue {
        var executionObject = JSONObject()
        executionObject["Id"] = .string(execution.id)
        executionObject["Input"] = execution.input
        executionObject["Name"] = .string(execution.name)
        executionObject["RoleArn"] = .string("arn:aws:iam::\(account):role/vendingpass")
        executionObject["StartTime"] = .string(execution.startedAt.rfc3339)
        executionObject["RedriveCount"] = 0
        var state = JSONObject()
        state["EnteredTime"] = .string(run.enteredAt.rfc3339)
        state["Name"] = .string(run.state)
        state["RetryCount"] = .number(Double(run.retryCount))
        var machine = JSONObject()
        machine["Id"] = .string(machineARN(execution.machine))
        machine["Name"] = .string(execution.machine)
        var context = JSONObject()
        context["Execution"] = .object(executionObject)
        context["State"] = .object(state)
        context["StateMachine"] = .object(machine)
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
