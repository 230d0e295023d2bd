import Determinism
import GRDB
import JSON
import StatesLanguage
import Workflows

/// The workflow engine's store in SQLite: executions (a summary and a snapshot each), their histories
/// and their timers. A ``WorkflowBatch`` is one transaction, which is the engine's group commit.
///
/// A history is kept as chunks: each commit appends one row per execution holding that commit's events
/// (a ``HistoryChunk``; the engine hands them over grouped by execution), which costs a few rows per
/// execution instead of one per event, and the rows are appended in commit order, so a commit writes
/// new pages rather than rewriting old ones.
public final class SQLiteWorkflowStore: WorkflowStore {
    let file: DatabaseFile

    /// A store on an open database file.
    public init(file: DatabaseFile) {
        self.file = file
    }

    public var isDurable: Bool { true }
    public var readsWhileWriting: Bool { file.writer is DatabasePool }

    public func save(_ batch: WorkflowBatch) throws {
        try file.writeAlone { db in
            let upsert = try RawStatement(
                """
                INSERT INTO workflow_execution (id, machine, name, status, started_at, stopped_at, transitions, needs_resume, snapshot)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, stopped_at = excluded.stopped_at, transitions = excluded.transitions,
                    needs_resume = excluded.needs_resume, snapshot = excluded.snapshot
                """, in: db
            )
            // Read in place: a loop over the array copied each execution and its summary out, retaining
            // and releasing its every field on this thread, though the engine's allocated them.
            try batch.executions.withUnsafeBufferPointer { executions in
                for index in executions.indices {
                    try upsert.run(
                        executions[index].summary.id, executions[index].summary.machine, executions[index].summary.name,
                        executions[index].summary.status.rawValue, executions[index].summary.startedAt.millisecondsSinceEpoch,
                        executions[index].summary.stoppedAt?.millisecondsSinceEpoch, executions[index].summary.stateTransitions,
                        executions[index].needsResume ? 1 : 0, executions[index].snapshot
                    )
                }
            }
            let insert = try RawStatement("INSERT INTO workflow_history (execution_id, first_event_id, events) VALUES (?, ?, ?)", in: db)
            for chunk in batch.histories.entries {
                try insert.run(chunk.executionID, chunk.firstEventID, batch.histories.bytes(of: chunk))
            }
            let arm = try RawStatement("INSERT OR REPLACE INTO workflow_timer (sequence, due_at, execution_id, run_id, token, kind) VALUES (?, ?, ?, ?, ?, ?)", in: db)
            for timer in batch.armedTimers {
                try arm.run(timer.sequence, timer.due.millisecondsSinceEpoch, timer.executionID, timer.runID, timer.token, timer.kind.rawValue)
            }
            let remove = try RawStatement("DELETE FROM workflow_timer WHERE sequence = ?", in: db)
            for timer in batch.removedTimers {
                try remove.run(timer.sequence)
            }
        }
    }

    public func execution(_ id: String) throws -> SavedExecution? {
        try file.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM workflow_execution WHERE id = ?"), arguments: [id]).map(Self.saved)
        }
    }

    public func snapshots(_ ids: [String]) throws -> [(id: String, snapshot: ExecutionSnapshot)] {
        try file.read { db in
            var snapshots: [(id: String, snapshot: ExecutionSnapshot)] = []
            snapshots.reserveCapacity(ids.count)
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT id, snapshot FROM workflow_execution WHERE id IN (\(placeholders))", arguments: StatementArguments(chunk))
                while let row = try rows.next() { snapshots.append((row[0], Self.snapshot(row[1]))) }
            }
            return snapshots
        }
    }

    public func reduceExecutionIDs<Result>(into start: (_ count: Int) -> Result, _ add: (inout Result, String) -> Void) throws -> Result {
        try file.read { db in
            var result = start(try Int.fetchOne(db, sql: "SELECT count(*) FROM workflow_execution") ?? 0)
            let ids = try String.fetchCursor(db, sql: "SELECT id FROM workflow_execution")
            while let id = try ids.next() { add(&result, id) }
            return result
        }
    }

    public func executionsToResume() throws -> [String] {
        try file.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM workflow_execution WHERE needs_resume = 1 ORDER BY started_at, id")
        }
    }

    public func earliestTimers(after: TimerEntry?, limit: Int) throws -> (timers: [TimerEntry], hasMore: Bool) {
        try file.read { db in
            let columns = "SELECT due_at, sequence, execution_id, run_id, token, kind FROM workflow_timer"
            let rows =
                if let after {
                    try Row.fetchCursor(
                        db, sql: "\(columns) WHERE (due_at, sequence) > (?, ?) ORDER BY due_at, sequence LIMIT ?",
                        arguments: [after.due.millisecondsSinceEpoch, after.sequence, limit + 1]
                    )
                } else {
                    try Row.fetchCursor(db, sql: "\(columns) ORDER BY due_at, sequence LIMIT ?", arguments: [limit + 1])
                }
            var timers: [TimerEntry] = []
            timers.reserveCapacity(limit)
            var hasMore = false
            while let row = try rows.next() {
                guard timers.count < limit else {
                    hasMore = true
                    break
                }
                guard let kind = TimerEntry.Kind(rawValue: row[5]) else { continue }
                timers.append(
                    TimerEntry(due: Instant(millisecondsSinceEpoch: row[0]), sequence: row[1], executionID: row[2], runID: row[3], token: row[4], kind: kind)
                )
            }
            return (timers, hasMore)
        }
    }

    public func lastTimerSequence() throws -> Int64 {
        try file.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM workflow_timer") ?? 0 }
    }

    public func history(of id: String) throws -> [HistoryEvent] {
        try file.read { db in
            var events: [HistoryEvent] = []
            let chunks = try DatabaseValue.fetchCursor(db, sql: "SELECT events FROM workflow_history WHERE execution_id = ? ORDER BY first_event_id", arguments: [id])
            while let chunk = try chunks.next() {
                switch chunk.storage {
                case .blob(let data):
                    do {
                        events += try HistoryChunk.decode(blob: [UInt8](data))
                    } catch {
                        throw StorageError.damaged(path: file.writer.path, reason: "the history of execution \(id) cannot be read (\(error))")
                    }
                case .string(let text): events += HistoryChunk.decode(text: text)
                default: continue
                }
            }
            return events
        }
    }

    public func executions(limit: Int, status: ExecutionStatus?) throws -> [ExecutionSummary] {
        try file.read { db in
            let rows =
                if let status {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM workflow_execution WHERE status = ? ORDER BY started_at DESC, id DESC LIMIT ?", arguments: [status.rawValue, limit]
                    )
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM workflow_execution ORDER BY started_at DESC, id DESC LIMIT ?", arguments: [limit])
                }
            return rows.map { Self.saved($0).summary }
        }
    }

    /// A row as a saved execution; input, output, error and cause come from the snapshot.
    static func saved(_ row: Row) -> SavedExecution {
        let snapshot = Self.snapshot(row["snapshot"])
        let document = (try? snapshot.document()) ?? .null
        let summary = ExecutionSummary(
            id: row["id"], name: row["name"], machine: row["machine"], status: ExecutionStatus(rawValue: row["status"]) ?? .failed,
            input: document["input"] ?? .null, output: document["output"], error: document["error"]?.stringValue, cause: document["cause"]?.stringValue,
            startedAt: Instant(millisecondsSinceEpoch: row["started_at"]), stoppedAt: (row["stopped_at"] as Int64?).map { Instant(millisecondsSinceEpoch: $0) },
            stateTransitions: row["transitions"]
        )
        return SavedExecution(summary: summary, needsResume: row["needs_resume"], snapshot: snapshot)
    }

    /// A stored snapshot: a blob in compact form, or text from files written before snapshots were compact.
    static func snapshot(_ value: DatabaseValue) -> ExecutionSnapshot {
        switch value.storage {
        case .blob(let data): ExecutionSnapshot(compact: [UInt8](data))
        case .string(let text): ExecutionSnapshot(text: text)
        default: .none
        }
    }
}

extension SQLiteWorkflowStore {
    /// Executions started with this name, under any state machine.
    public func executions(named name: String) throws -> [ExecutionSummary] {
        try file.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM workflow_execution WHERE name = ? ORDER BY started_at, id", arguments: [name]).map { Self.saved($0).summary }
        }
    }
}
