import Determinism
import JSON
import StatesLanguage
import Workflows

/// How executions and their history events are printed.
enum ExecutionJSON {
    static func object(_ summary: ExecutionSummary) -> JSONValue {
        var object = JSONObject()
        object["executionArn"] = .string(summary.id)
        object["name"] = .string(summary.name)
        object["stateMachine"] = .string(summary.machine)
        object["status"] = .string(summary.status.rawValue)
        object["startDate"] = .string(summary.startedAt.rfc3339)
        object["stopDate"] = summary.stoppedAt.map { .string($0.rfc3339) } ?? .null
        object["stateTransitions"] = .number(Double(summary.stateTransitions))
        object["input"] = summary.input
        object["output"] = summary.output ?? .null
        object["error"] = summary.error.map { .string($0) } ?? .null
        object["cause"] = summary.cause.map { .string($0) } ?? .null
        return .object(object)
    }

    static func table(_ executions: [ExecutionSummary]) -> String {
        var table = TextTable([.text("NAME"), .text("STATE MACHINE"), .text("STATUS"), .text("STARTED"), .number("TRANSITIONS")])
        for summary in executions {
            table.append([
                summary.name, summary.machine, summary.status.rawValue, summary.startedAt.rfc3339,
                "\(summary.stateTransitions)",
            ])
        }
        return table.rendered + "\n" + (executions.count == 1 ? "1 execution" : "\(executions.count) executions")
    }

    static func card(_ summary: ExecutionSummary) -> String {
        var table = TextTable([.text("field"), .text("value")])
        table.append(["execution", summary.id])
        table.append(["status", summary.status.rawValue])
        table.append(["started", summary.startedAt.rfc3339])
        table.append(["stopped", summary.stoppedAt.map { $0.rfc3339 } ?? "-"])
        table.append(["state transitions", "\(summary.stateTransitions)"])
        table.append(["input", summary.input.jsonText])
        if let output = summary.output { table.append(["output", output.jsonText]) }
        if let error = summary.error { table.append(["error", error]) }
        if let cause = summary.cause { table.append(["cause", cause]) }
        return table.renderedWithoutHeadings
    }

    static func event(_ event: HistoryEvent) -> JSONValue {
        var object = JSONObject()
        object["id"] = .number(Double(event.id))
        object["previousEventId"] = .number(Double(event.previousEventID))
        object["timestamp"] = .string(event.timestamp.rfc3339)
        object["type"] = .string(event.type.rawValue)
        object["details"] = .object(event.details)
        return .object(object)
    }

    static func historyTable(_ events: [HistoryEvent]) -> String {
        var table = TextTable([.number("ID"), .text("TIME"), .text("TYPE"), .text("DETAILS")])
        for event in events {
            var details = event.details.map { "\($0.key)=\($0.value.stringValue ?? $0.value.jsonText)" }.joined(separator: " ")
            if details.count > 100 { details = String(details.prefix(97)) + "..." }
            table.append(["\(event.id)", event.timestamp.rfc3339, event.type.rawValue, details])
        }
        return table.rendered
    }
}
