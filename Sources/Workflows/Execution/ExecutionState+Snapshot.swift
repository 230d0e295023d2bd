import Determinism
import JSON
import StatesLanguage

/// The snapshot of an execution as one JSON document, the form the workflow store saves.
extension ExecutionState {
    /// The execution in compact form (it is written on every commit): the input, which the runs and the
    /// output repeat, is stored once.
    ///
    /// `writer` is emptied first, so that a batch's snapshots share one; the snapshot takes a copy of
    /// exactly its bytes (sharing the writer's buffer would keep its whole capacity alive).
    func snapshot(using writer: inout CompactJSONWriter) -> ExecutionSnapshot {
        writer.reset()
        writer.write(snapshotDocument)
        return ExecutionSnapshot(compact: writer.bytes.withUnsafeBufferPointer { Array($0) })
    }

    /// The execution as one JSON document; members that are nil are left out.
    var snapshotDocument: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("name", .string(name)), ("machine", .string(machine)), ("input", input),
            ("startedAt", Self.number(startedAt.millisecondsSinceEpoch)), ("status", .string(status.rawValue)),
        ]
        members.reserveCapacity(15)
        if let output { members.append(("output", output)) }
        if let error { members.append(("error", .string(error))) }
        if let cause { members.append(("cause", .string(cause))) }
        if let stoppedAt { members.append(("stoppedAt", Self.number(stoppedAt.millisecondsSinceEpoch))) }
        members.append(("runs", .array(runs.values.map(\.snapshot))))
        members.append(("nextRunID", Self.number(nextRunID)))
        members.append(("nextEventID", Self.number(nextEventID)))
        members.append(("transitions", Self.number(transitions)))
        members.append(("timers", .array(timers.map(\.snapshot))))
        return .object(JSONObject(uniqueMembers: members))
    }

    /// Restores an execution from its snapshot.
    init(snapshot: JSONValue) throws(SnapshotError) {
        let reader = SnapshotReader(snapshot)
        self.init(
            id: try reader.string("id"), name: try reader.string("name"), machine: try reader.string("machine"), input: try reader.value("input"),
            startedAt: Instant(millisecondsSinceEpoch: try reader.int64("startedAt"))
        )
        guard let status = ExecutionStatus(rawValue: try reader.string("status")) else { throw SnapshotError(field: "status") }
        self.status = status
        output = snapshot["output"]
        error = snapshot["error"]?.stringValue
        cause = snapshot["cause"]?.stringValue
        stoppedAt = snapshot["stoppedAt"]?.numberValue.map { Instant(millisecondsSinceEpoch: Int64($0)) }
        for runJSON in snapshot["runs"]?.arrayValue ?? [] {
            let run = try Run(snapshot: runJSON)
            runs[run.id] = run
        }
        nextRunID = try reader.int("nextRunID")
        nextEventID = try reader.int("nextEventID")
        transitions = try reader.int("transitions")
        for timerJSON in snapshot["timers"]?.arrayValue ?? [] {
            timers.append(try TimerEntry(snapshot: timerJSON, executionID: id))
        }
    }

    static func number(_ value: some BinaryInteger) -> JSONValue { .number(Double(value)) }
}

extension Run {
    var snapshot: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("id", ExecutionState.number(id))]
        members.reserveCapacity(14)
        if let parent { members.append(("parent", ExecutionState.number(parent))) }
        members += [
            ("slot", ExecutionState.number(slot)), ("scope", .string(scope)), ("state", .string(state)), ("input", input), ("phase", phase.snapshot),
            ("enteredEventID", ExecutionState.number(enteredEventID)), ("enteredAt", ExecutionState.number(enteredAt.millisecondsSinceEpoch)),
            ("lastEventID", ExecutionState.number(lastEventID)), ("visits", ExecutionState.number(visits)),
            ("retries", .array(retries.map { ExecutionState.number($0) })), ("retryCount", ExecutionState.number(retryCount)),
            ("token", ExecutionState.number(token)),
        ]
        return .object(JSONObject(uniqueMembers: members))
    }

    init(snapshot: JSONValue) throws(SnapshotError) {
        let reader = SnapshotReader(snapshot)
        self.init(
            id: try reader.int("id"), parent: snapshot["parent"]?.integerValue, slot: try reader.int("slot"), scope: try reader.string("scope"),
            state: try reader.string("state"), input: try reader.value("input"), phase: try Phase(snapshot: try reader.value("phase")),
            enteredEventID: try reader.int("enteredEventID"), enteredAt: Instant(millisecondsSinceEpoch: try reader.int64("enteredAt")),
            lastEventID: try reader.int("lastEventID"), visits: try reader.int("visits"),
            retries: (snapshot["retries"]?.arrayValue ?? []).compactMap(\.integerValue), retryCount: try reader.int("retryCount"),
            token: try reader.int("token")
        )
    }
}

extension Run.Phase {
    var snapshot: JSONValue {
        var object = JSONObject()
        switch self {
        case .ready:
            object["phase"] = "ready"
        case .waiting(let until, let input):
            object["phase"] = "waiting"
            object["until"] = ExecutionState.number(until.millisecondsSinceEpoch)
            object["input"] = input
        case .task(let input, let attempt, let lastHeartbeat):
            object["phase"] = "task"
            object["input"] = input
            object["attempt"] = ExecutionState.number(attempt)
            object["lastHeartbeat"] = ExecutionState.number(lastHeartbeat.millisecondsSinceEpoch)
        case .retrying(let until):
            object["phase"] = "retrying"
            object["until"] = ExecutionState.number(until.millisecondsSinceEpoch)
        case .children(let children):
            object["phase"] = "children"
            object["input"] = children.input
            object["items"] = .array(children.items)
            object["results"] = .array(children.results.map { $0.map { .array([$0]) } ?? .null })
            object["started"] = ExecutionState.number(children.started)
            object["running"] = ExecutionState.number(children.running)
            object["completed"] = ExecutionState.number(children.completed)
            object["failures"] = ExecutionState.number(children.failures)
            object["firstError"] = children.firstError.map { .array([.string($0.name), $0.cause.map { .string($0) } ?? .null]) }
            object["maxConcurrency"] = ExecutionState.number(children.maxConcurrency)
            object["tolerated"] = ExecutionState.number(children.tolerated)
            object["hasTolerance"] = .bool(children.hasTolerance)
        }
        return .object(object)
    }

    init(snapshot: JSONValue) throws(SnapshotError) {
        let reader = SnapshotReader(snapshot)
        switch try reader.string("phase") {
        case "ready":
            self = .ready
        case "waiting":
            self = .waiting(until: Instant(millisecondsSinceEpoch: try reader.int64("until")), input: try reader.value("input"))
        case "task":
            self = .task(input: try reader.value("input"), attempt: try reader.int("attempt"), lastHeartbeat: Instant(millisecondsSinceEpoch: try reader.int64("lastHeartbeat")))
        case "retrying":
            self = .retrying(until: Instant(millisecondsSinceEpoch: try reader.int64("until")))
        case "children":
            var children = Run.Children(
                input: try reader.value("input"), items: snapshot["items"]?.arrayValue ?? [],
                results: (snapshot["results"]?.arrayValue ?? []).map { $0.arrayValue?.first }
            )
            children.started = try reader.int("started")
            children.running = try reader.int("running")
            children.completed = try reader.int("completed")
            children.failures = try reader.int("failures")
            if let error = snapshot["firstError"]?.arrayValue, let name = error.first?.stringValue {
                children.firstError = StatesError(name, cause: error.last?.stringValue)
            }
            children.maxConcurrency = try reader.int("maxConcurrency")
            children.tolerated = try reader.int("tolerated")
            children.hasTolerance = snapshot["hasTolerance"]?.boolValue ?? false
            self = .children(children)
        default:
            throw SnapshotError(field: "phase")
        }
    }
}

extension TimerEntry {
    var snapshot: JSONValue {
        .object(
            JSONObject(uniqueMembers: [
                ("due", ExecutionState.number(due.millisecondsSinceEpoch)), ("sequence", ExecutionState.number(sequence)),
                ("runID", ExecutionState.number(runID)), ("token", ExecutionState.number(token)), ("kind", .string(kind.rawValue)),
            ])
        )
    }

    init(snapshot: JSONValue, executionID: String) throws(SnapshotError) {
        let reader = SnapshotReader(snapshot)
        guard let kind = Kind(rawValue: try reader.string("kind")) else { throw SnapshotError(field: "kind") }
        self.init(
            due: Instant(millisecondsSinceEpoch: try reader.int64("due")), sequence: try reader.int64("sequence"), executionID: executionID,
            runID: try reader.int("runID"), token: try reader.int("token"), kind: kind
        )
    }
}

/// A saved execution that cannot be read back.
public struct SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field that is missing or malformed.
    public let field: String

    public var description: String { "the saved execution has no valid '\(field)'" }
}

/// Typed reads from a snapshot object.
private struct SnapshotReader {
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    func value(_ key: String) throws(SnapshotError) -> JSONValue {
        guard let value = json[key] else { throw SnapshotError(field: key) }
        return value
    }

    func string(_ key: String) throws(SnapshotError) -> String {
        guard let value = json[key]?.stringValue else { throw SnapshotError(field: key) }
        return value
    }

    func int(_ key: String) throws(SnapshotError) -> Int {
        guard let value = json[key]?.integerValue else { throw SnapshotError(field: key) }
        return value
    }

    func int64(_ key: String) throws(SnapshotError) -> Int64 {
        Int64(try int(key))
    }
}
