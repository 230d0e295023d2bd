import Determinism
import JSON
import StatesLanguage

/// The snapshot of an execution as one JSON document, the form the workflow store saves.
extension ExecutionState {
    /// The execution in compact form (it is written on every commit): the input, which the runs and the
    /// output repeat, is stored once.
    ///
    /// `writer` (from ``ExecutionSnapshot/makeWriter()``) is emptied first, so that a batch's snapshots
    /// share one; the snapshot takes a copy of exactly its bytes (sharing the writer's buffer would keep
    /// its whole capacity alive).
    func snapshot(using writer: inout CompactJSONWriter) -> ExecutionSnapshot {
        writer.reset()
        writer.write(unsigned: UInt64(ExecutionSnapshot.presetMark))
        write(to: &writer)
        return ExecutionSnapshot(compact: writer.bytes.withUnsafeBufferPointer { Array($0) })
    }

    /// Writes the snapshot as one JSON object, member by member, without building it (a document built
    /// first cost a dozen allocations per snapshot, on the writer's thread): `id`, `name`, `machine`,
    /// `input`, `startedAt`, `status`, then `output`, `error`, `cause` and `stoppedAt` when they are set,
    /// then `runs`, `nextRunID`, `nextEventID`, `transitions` and `timers` (but a task's, which are not
    /// kept across a restart), as ``init(snapshot:)`` reads them.
    func write(to writer: inout CompactJSONWriter) {
        let optional = (output == nil ? 0 : 1) + (error == nil ? 0 : 1) + (cause == nil ? 0 : 1) + (stoppedAt == nil ? 0 : 1)
        writer.writeObject(count: 11 + optional) { writer in
            writer.writeMember(.id, .string(id))
            writer.writeMember(.name, .string(name))
            writer.writeMember(.machine, .string(machine))
            writer.writeMember(.input, input)
            writer.writeMember(.startedAt, Self.number(startedAt.millisecondsSinceEpoch))
            writer.writeMember(.status, .string(status.rawValue))
            if let output { writer.writeMember(.output, output) }
            if let error { writer.writeMember(.error, .string(error)) }
            if let cause { writer.writeMember(.cause, .string(cause)) }
            if let stoppedAt { writer.writeMember(.stoppedAt, Self.number(stoppedAt.millisecondsSinceEpoch)) }
            writer.write(.runs)
            let runs = runs.values
            writer.writeArray(count: runs.count) { writer in
                for run in runs { run.write(to: &writer) }
            }
            writer.writeMember(.nextRunID, Self.number(nextRunID))
            writer.writeMember(.nextEventID, Self.number(nextEventID))
            writer.writeMember(.transitions, Self.number(transitions))
            writer.write(.timers)
            writer.writeArray(count: timers.count { !$0.kind.isTaskTimer }) { writer in
                for timer in timers where !timer.kind.isTaskTimer { timer.write(to: &writer) }
            }
        }
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
            let timer = try TimerEntry(snapshot: timerJSON, executionID: id)
            if !timer.kind.isTaskTimer { timers.append(timer) }
        }
    }

    static func number(_ value: some BinaryInteger) -> JSONValue { .number(Double(value)) }
}

extension Run {
    /// Writes the run as a snapshot's object, as ``init(snapshot:)`` reads it.
    func write(to writer: inout CompactJSONWriter) {
        writer.writeObject(count: parent == nil ? 13 : 14) { writer in
            writer.writeMember(.id, ExecutionState.number(id))
            if let parent { writer.writeMember(.parent, ExecutionState.number(parent)) }
            writer.writeMember(.slot, ExecutionState.number(slot))
            writer.writeMember(.scope, .string(scope))
            writer.writeMember(.state, .string(state))
            writer.writeMember(.input, input)
            writer.write(.phase)
            phase.write(to: &writer)
            writer.writeMember(.enteredEventID, ExecutionState.number(enteredEventID))
            writer.writeMember(.enteredAt, ExecutionState.number(enteredAt.millisecondsSinceEpoch))
            writer.writeMember(.lastEventID, ExecutionState.number(lastEventID))
            writer.writeMember(.visits, ExecutionState.number(visits))
            writer.write(.retries)
            writer.writeArray(count: retries.count) { writer in
                for retry in retries { writer.write(ExecutionState.number(retry)) }
            }
            writer.writeMember(.retryCount, ExecutionState.number(retryCount))
            writer.writeMember(.token, ExecutionState.number(token))
        }
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
    /// Writes the phase as a snapshot's object (`phase` names it), as ``init(snapshot:)`` reads it.
    func write(to writer: inout CompactJSONWriter) {
        switch self {
        case .ready:
            writer.writeObject(count: 1) { $0.writeMember(.phase, "ready") }
        case .waiting(let until, let input):
            writer.writeObject(count: 3) { writer in
                writer.writeMember(.phase, "waiting")
                writer.writeMember(.until, ExecutionState.number(until.millisecondsSinceEpoch))
                writer.writeMember(.input, input)
            }
        case .task(let input, let attempt, let lastHeartbeat):
            writer.writeObject(count: 4) { writer in
                writer.writeMember(.phase, "task")
                writer.writeMember(.input, input)
                writer.writeMember(.attempt, ExecutionState.number(attempt))
                writer.writeMember(.lastHeartbeat, ExecutionState.number(lastHeartbeat.millisecondsSinceEpoch))
            }
        case .retrying(let until):
            writer.writeObject(count: 2) { writer in
                writer.writeMember(.phase, "retrying")
                writer.writeMember(.until, ExecutionState.number(until.millisecondsSinceEpoch))
            }
        case .children(let children):
            writer.writeObject(count: children.firstError == nil ? 11 : 12) { writer in
                writer.writeMember(.phase, "children")
                writer.writeMember(.input, children.input)
                writer.writeMember(.items, .array(children.items))
                writer.write(.results)
                writer.writeArray(count: children.results.count) { writer in
                    for result in children.results {
                        if let result { writer.writeArray(count: 1) { $0.write(result) } } else { writer.write(.null) }
                    }
                }
                writer.writeMember(.started, ExecutionState.number(children.started))
                writer.writeMember(.running, ExecutionState.number(children.running))
                writer.writeMember(.completed, ExecutionState.number(children.completed))
                writer.writeMember(.failures, ExecutionState.number(children.failures))
                if let error = children.firstError {
                    writer.write(.firstError)
                    writer.writeArray(count: 2) { writer in
                        writer.write(.string(error.name))
                        writer.write(error.cause.map { .string($0) } ?? .null)
                    }
                }
                writer.writeMember(.maxConcurrency, ExecutionState.number(children.maxConcurrency))
                writer.writeMember(.tolerated, ExecutionState.number(children.tolerated))
                writer.writeMember(.hasTolerance, .bool(children.hasTolerance))
            }
        }
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
    /// Writes the timer as a snapshot's object (its execution is the snapshot's), as ``init(snapshot:executionID:)`` reads it.
    func write(to writer: inout CompactJSONWriter) {
        writer.writeObject(count: 5) { writer in
            writer.writeMember(.due, ExecutionState.number(due.millisecondsSinceEpoch))
            writer.writeMember(.sequence, ExecutionState.number(sequence))
            writer.writeMember(.runID, ExecutionState.number(runID))
            writer.writeMember(.token, ExecutionState.number(token))
            writer.writeMember(.kind, .string(kind.rawValue))
        }
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

extension CompactJSONWriter {
    /// Writes a snapshot's member whose name is one of ``ExecutionSnapshot/preset``'s strings.
    fileprivate mutating func writeMember(_ key: ExecutionSnapshot.Key, _ value: JSONValue) {
        writeMember(presetString: key.rawValue, value)
    }

    /// Writes a snapshot's key, one of ``ExecutionSnapshot/preset``'s strings.
    fileprivate mutating func write(_ key: ExecutionSnapshot.Key) {
        write(presetString: key.rawValue)
    }
}
