import GRDB
import Loyalty

extension VendingDatabase {
    /// Events applied per transaction by ``ingest(_:rules:batchSize:progress:)``.
    public static var defaultBatchSize: Int { 2_000 }

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
