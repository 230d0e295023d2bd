import Determinism
import GRDB
import JSON
import StatesLanguage
import Workflows

/// The workflow engine's store in SQLite: executions (a summary and a snapshot each), their histories
/// and their timers. A ``WorkflowBatch`` is one transaction, which is the engine's group commit.
///
/// A history is kept as chunks: each commit appends one row per execution holding that commit's events
/// as a JSON array, which costs a few rows per execution instead of one per event, and the rows are
/// appended in commit order, so a commit writes new pages rather than rewriting old ones.
public final class SQLiteWorkflowStore: WorkflowStore {
    let writer: any DatabaseWriter

    /// A store on an open database file.
    public init(file: DatabaseFile) {
        self.writer = file.writer
    }

    public var isDurable: Bool { true }

    public func save(_ batch: WorkflowBatch) throws {
        try writer.write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO workflow_execution (id, machine, name, status, started_at, stopped_at, transitions, needs_resume, snapshot)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET status = excluded.status, stopped_at = excluded.stopped_at, transitions = excluded.transitions,
                        needs_resume = excluded.needs_resume, snapshot = excluded.snapshot
                    """
            )
            for saved in batch.executions {
                let summary = saved.summary
                upsert.setUncheckedArguments([
                    summary.id, summary.machine, summary.name, summary.status.rawValue, summary.startedAt.millisecondsSinceEpoch,
                    summary.stoppedAt?.millisecondsSinceEpoch, summary.stateTransitions, saved.needsResume, saved.snapshot,
                ])
                try upsert.execute()
            }
            let history = try db.cachedStatement(sql: "INSERT INTO workflow_history (execution_id, first_event_id, events) VALUES (?, ?, ?)")
            var chunks: [String: [HistoryEvent]] = [:]
            var order: [String] = []
            for (id, event) in batch.events {
                if chunks[id] == nil { order.append(id) }
                chunks[id, default: []].append(event)
            }
            for id in order {
                let events = chunks[id]!
                history.setUncheckedArguments([id, events[0].id, JSONValue.array(events.map(Self.encode)).jsonText])
                try history.execute()
            }
            let arm = try db.cachedStatement(sql: "INSERT OR REPLACE INTO workflow_timer (sequence, due_at, execution_id, run_id, token, kind) VALUES (?, ?, ?, ?, ?, ?)")
            for timer in batch.armedTimers {
                arm.setUncheckedArguments([timer.sequence, timer.due.millisecondsSinceEpoch, timer.executionID, timer.runID, timer.token, timer.kind.rawValue])
                try arm.execute()
            }
            let remove = try db.cachedStatement(sql: "DELETE FROM workflow_timer WHERE sequence = ?")
            for timer in batch.removedTimers {
                remove.setUncheckedArguments([timer.sequence])
                try remove.execute()
            }
        }
    }

    public func execution(_ id: String) throws -> SavedExecution? {
        try writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM workflow_execution WHERE id = ?"), arguments: [id]).map(Self.saved)
        }
    }

    public func executions(_ ids: [String]) throws -> [SavedExecution] {
        try writer.read { db in
            var saved: [SavedExecution] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                saved += try Row.fetchAll(db, sql: "SELECT * FROM workflow_execution WHERE id IN (\(placeholders))", arguments: StatementArguments(chunk))
                    .map(Self.saved)
            }
            return saved
        }
    }

    public func executionIDs() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM workflow_execution") }
    }

    public func executionsToResume() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM workflow_execution WHERE needs_resume = 1 ORDER BY started_at, id")
        }
    }

    public func earliestTimers(limit: Int) throws -> (timers: [TimerEntry], hasMore: Bool) {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM workflow_timer ORDER BY due_at, sequence LIMIT ?", arguments: [limit + 1])
            let timers = rows.prefix(limit).compactMap { row -> TimerEntry? in
                guard let kind = TimerEntry.Kind(rawValue: row["kind"]) else { return nil }
                return TimerEntry(
                    due: Instant(millisecondsSinceEpoch: row["due_at"]), sequence: row["sequence"], executionID: row["execution_id"],
                    runID: row["run_id"], token: row["token"], kind: kind
                )
            }
            return (timers, rows.count > limit)
        }
    }

    public func lastTimerSequence() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM workflow_timer") ?? 0 }
    }

    public func history(of id: String) throws -> [HistoryEvent] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT events FROM workflow_history WHERE execution_id = ? ORDER BY first_event_id", arguments: [id])
                .flatMap { chunk in ((try? JSONParser.parse(chunk))?.arrayValue ?? []).compactMap(Self.decode) }
        }
    }

    private static func encode(_ event: HistoryEvent) -> JSONValue {
        [
            "id": .number(Double(event.id)), "previous": .number(Double(event.previousEventID)),
            "timestamp": .number(Double(event.timestamp.millisecondsSinceEpoch)), "type": .string(event.type.rawValue), "details": .object(event.details),
        ]
    }

    private static func decode(_ json: JSONValue) -> HistoryEvent? {
        guard let id = json["id"]?.integerValue, let previous = json["previous"]?.integerValue, let timestamp = json["timestamp"]?.numberValue,
            let type = json["type"]?.stringValue.flatMap(HistoryEventType.init(rawValue:))
        else { return nil }
        return HistoryEvent(
            id: id, previousEventID: previous, timestamp: Instant(millisecondsSinceEpoch: Int64(timestamp)), type: type,
            details: json["details"]?.objectValue ?? JSONObject()
        )
    }

    public func executions(limit: Int) throws -> [ExecutionSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM workflow_execution ORDER BY started_at DESC, id DESC LIMIT ?", arguments: [limit]).map { Self.saved($0).summary }
        }
    }

    /// A row as a saved execution; input, output, error and cause come from the snapshot.
    static func saved(_ row: Row) -> SavedExecution {
        let snapshot: String = row["snapshot"]
        let document = (try? JSONParser.parse(snapshot)) ?? .null
        let summary = ExecutionSummary(
            id: row["id"], name: row["name"], machine: row["machine"], status: ExecutionStatus(rawValue: row["status"]) ?? .failed,
            input: document["input"] ?? .null, output: document["output"], error: document["error"]?.stringValue, cause: document["cause"]?.stringValue,
            startedAt: Instant(millisecondsSinceEpoch: row["started_at"]), stoppedAt: (row["stopped_at"] as Int64?).map { Instant(millisecondsSinceEpoch: $0) },
            stateTransitions: row["transitions"]
        )
        return SavedExecution(summary: summary, needsResume: row["needs_resume"], snapshot: snapshot)
}
}

extension SQLiteWorkflowStore {
    /// Executions started with this name, under any state machine.
    public func executions(named name: String) throws -> [ExecutionSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM workflow_execution WHERE name = ? ORDER BY started_at, id", arguments: [name]).map { Self.saved($0).summary }
        }
    }
}
