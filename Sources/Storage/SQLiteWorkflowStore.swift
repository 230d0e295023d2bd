import Determinism
import GRDB
import StatesLanguage
import Workflows

/// The workflow engine's store in SQLite: executions (a summary and a snapshot each), their histories
/// and their timers. A ``WorkflowBatch`` is one transaction, which is the engine's group commit.
public final class SQLiteWorkflowStore: WorkflowStore {
    let writer: any DatabaseWriter

    /// A store on an open database file.
    public init(file: DatabaseFile) {
        self.writer = file.writer
    }

    public func save(_ batch: WorkflowBatch) throws {
        try writer.write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO workflow_execution (id, machine, name, status, started_at, stopped_at, transitions, needs_resume, input, output, error, cause, snapshot)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET status = excluded.status, stopped_at = excluded.stopped_at, transitions = excluded.transitions,
                        needs_resume = excluded.needs_resume, output = excluded.output, error = excluded.error, cause = excluded.cause,
                        snapshot = excluded.snapshot
                    """
            )
            for saved in batch.executions {
                let summary = saved.summary
                try upsert.execute(arguments: [
                    summary.id, summary.machine, summary.name, summary.status.rawValue, summary.startedAt.millisecondsSinceEpoch,
                    summary.stoppedAt?.millisecondsSinceEpoch, summary.stateTransitions, saved.needsResume, summary.input.jsonText,
                    summary.output?.jsonText, summary.error, summary.cause, saved.snapshot,
                ])
            }
            let history = try db.cachedStatement(
                sql: "INSERT INTO workflow_history (execution_id, event_id, previous_event_id, timestamp, type, details) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for (id, event) in batch.events {
                try history.execute(arguments: [
                    id, event.id, event.previousEventID, event.timestamp.millisecondsSinceEpoch, event.type.rawValue, JSONValue.object(event.details).jsonText,
                ])
            }
            let arm = try db.cachedStatement(sql: "INSERT OR REPLACE INTO workflow_timer (sequence, due_at, execution_id, run_id, token, kind) VALUES (?, ?, ?, ?, ?, ?)")
            for timer in batch.armedTimers {
                try arm.execute(arguments: [timer.sequence, timer.due.millisecondsSinceEpoch, timer.executionID, timer.runID, timer.token, timer.kind.rawValue])
            }
            let remove = try db.cachedStatement(sql: "DELETE FROM workflow_timer WHERE sequence = ?")
            for timer in batch.removedTimers {
                try remove.execute(arguments: [timer.sequence])
            }
        }
    }

    public func execution(_ id: String) throws -> SavedExecution? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM workflow_execution WHERE id = ?", arguments: [id]).map(Self.saved)
        }
    }

    public func executionsToResume() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM workflow_execution WHERE needs_resume = 1 ORDER BY started_at, id")
        }
    }

    public func earliestTimers(limit: Int) throws -> (timers: [TimerEntry], horizon: Instant?) {
        try writer.read { db in
            let horizon = try Int64.fetchOne(db, sql: "SELECT due_at FROM workflow_timer ORDER BY due_at, sequence LIMIT 1 OFFSET ?", arguments: [limit - 1])
            let rows: [Row]
            if let horizon {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM workflow_timer WHERE due_at <= ? ORDER BY due_at, sequence", arguments: [horizon])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM workflow_timer ORDER BY due_at, sequence")
            }
            let timers = rows.compactMap { row -> TimerEntry? in
                guard let kind = TimerEntry.Kind(rawValue: row["kind"]) else { return nil }
                return TimerEntry(
                    due: Instant(millisecondsSinceEpoch: row["due_at"]), sequence: row["sequence"], executionID: row["execution_id"],
                    runID: row["run_id"], token: row["token"], kind: kind
                )
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM workflow_timer WHERE due_at > ?", arguments: [horizon ?? Int64.max]) ?? 0
            return (timers, horizon != nil && total > 0 ? Instant(millisecondsSinceEpoch: horizon!) : nil)
        }
    }

    public func lastTimerSequence() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM workflow_timer") ?? 0 }
    }

    public func history(of id: String) throws -> [HistoryEvent] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM workflow_history WHERE execution_id = ? ORDER BY event_id", arguments: [id]).compactMap { row in
                guard let type = HistoryEventType(rawValue: row["type"]) else { return nil }
                let details = (try? JSONParser.parse(row["details"] as String))?.objectValue ?? JSONObject()
                return HistoryEvent(
                    id: row["event_id"], previousEventID: row["previous_event_id"], timestamp: Instant(millisecondsSinceEpoch: row["timestamp"]),
                    type: type, details: details
                )
            }
        }
    }

    public func executions(limit: Int) throws -> [ExecutionSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM workflow_execution ORDER BY started_at DESC, id DESC LIMIT ?", arguments: [limit]).map { Self.saved($0).summary }
        }
    }

    static func saved(_ row: Row) -> SavedExecution {
        let input = (try? JSONParser.parse(row["input"] as String)) ?? .null
        let output = (row["output"] as String?).flatMap { try? JSONParser.parse($0) }
        let summary = ExecutionSummary(
            id: row["id"], name: row["name"], machine: row["machine"], status: ExecutionStatus(rawValue: row["status"]) ?? .failed, input: input,
            output: output, error: row["error"], cause: row["cause"], startedAt: Instant(millisecondsSinceEpoch: row["started_at"]),
            stoppedAt: (row["stopped_at"] as Int64?).map { Instant(millisecondsSinceEpoch: $0) }, stateTransitions: row["transitions"]
        )
        return SavedExecution(summary: summary, needsResume: row["needs_resume"], snapshot: row["snapshot"])
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
