import GRDB
import Loyalty

extension VendingDatabase {
    /// Events applied per transaction by ``ingest(_:rules:batchSize:progress:)``. Each commit writes
    /// every page it changed, and a batch changes pages all over the ledger's indexes and the inbox, so
    /// fewer, larger batches write each page fewer times: 340,000 events ingested in 41.6 s in batches
    /// of 2,000 (1.7 million writes to the file), 20.8 s in batches of 20,000, the same memory.
    public static var defaultBatchSize: Int { 20_000 }

    /// WAL pages written between checkpoints while ingesting (64 MiB; SQLite's default is 1,000). A
    /// checkpoint copies each changed page into the database and syncs it, so with the default, every
    /// batch paid for one or more; with this, the ingest above took 18.6 s rather than 20.8 s.
    static let ingestCheckpointPages = 16_384

    /// Applies a validated trace to the ledger, in delivery order, in batched transactions.
    ///
    /// Idempotent: events already in the inbox (from this trace or an overlapping one) count as
    /// duplicates and change nothing. Before anything is written, every event is checked against the
    /// inbox, so an id that was ingested earlier with different content refuses the whole trace and
    /// leaves the database as it was. Each batch commits on its own; if the process dies half-way,
    /// running the same ingest again applies exactly what is missing.
    ///
    /// - Parameters:
    ///   - trace: the events, already validated by ``Loyalty/TraceParser``.
    ///   - rules: the program's rules; a database keeps the rules of its first ingest.
    ///   - progress: called after each batch with the events done and the total.
    /// - Returns: what applying the trace did, including the trace's own duplicate lines.
    public func ingest(
        _ trace: Trace, rules: ProgramRules, batchSize: Int = defaultBatchSize, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ApplyTally {
        try checkRules(rules)
        let conflicts = try earlierConflicts(with: trace)
        guard conflicts.isEmpty else { throw TraceError(file: trace.file, problems: Array(conflicts.prefix(TraceParser.problemLimit)), problemCount: conflicts.count) }
        var tally = ApplyTally()
        tally.countDuplicateLines(trace.duplicateLines)
        let checkpointPages = try file.writer.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1_000
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.ingestCheckpointPages)")
            return previous
        }
        defer { try? file.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)") } }
        var start = 0
        while start < trace.events.count {
            let batch = trace.events[start..<min(start + batchSize, trace.events.count)]
            let outcomes = try file.write { db in
                if start == 0 { try storeRules(rules, in: db) }
                var bookkeeper = Bookkeeper(rules: rules, store: SQLiteLedgerStore(db: db))
                return try batch.map { try bookkeeper.apply($0) }
            }
            outcomes.forEach { tally.count($0) }
            start += batch.count
            progress(start, trace.events.count)
        }
        return tally
    }

    /// The program rules the database was filled under, if it has been.
    public func storedRules() throws -> ProgramRules? {
        try file.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT points_per_purchase, free_drink_every FROM program") else { return nil }
            return try ProgramRules(pointsPerPurchase: row[0], freeDrinkEvery: row[1])
        }
    }

    private func checkRules(_ rules: ProgramRules) throws {
        if let stored = try storedRules(), stored != rules {
            throw StorageError.rulesMismatch(stored: Self.describe(stored), requested: Self.describe(rules))
        }
    }

    private func storeRules(_ rules: ProgramRules, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO program (id, points_per_purchase, free_drink_every) VALUES (1, ?, ?)",
            arguments: [rules.pointsPerPurchase, rules.freeDrinkEvery]
        )
    }

    private static func describe(_ rules: ProgramRules) -> String {
        "pointsPerPurchase \(rules.pointsPerPurchase), freeDrinkEvery \(rules.freeDrinkEvery)"
    }

    /// Events of `trace` whose ids the inbox holds with different content, as problems at their lines.
    private func earlierConflicts(with trace: Trace) throws -> [TraceError.Problem] {
        let decoder = EventDecoder()
        var problems: [TraceError.Problem] = []
        try file.read { db in
            var start = 0
            while start < trace.events.count {
                let range = start..<min(start + 500, trace.events.count)
                let ids = trace.events[range].map(\.id.rawValue)
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
                let stored = try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT event_id, content FROM inbox WHERE event_id IN (\(placeholders))", arguments: StatementArguments(ids))
                        .map { (row: Row) -> (String, String) in (row[0], row[1]) }
                )
                for index in range {
                    let event = trace.events[index]
                    guard let content = stored[event.id.rawValue], content != event.jsonLine else { continue }
                    let earlier = try decoder.decode(content)
                    problems.append(
                        TraceError.Problem(
                            line: trace.lines[index], field: "id",
                            reason: "'\(event.id)' was ingested earlier for a different event (\(EventDifference.fields(between: earlier, and: event)) differ)"
                        )
                    )
                }
                start = range.upperBound
            }
        }
        return problems.sorted { $0.line < $1.line }
    }
}
