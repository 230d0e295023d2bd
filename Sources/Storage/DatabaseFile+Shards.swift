import GRDB

/// Replays split over several databases, one per shard, and merged into the first at the end.
extension DatabaseFile {
    /// The tables a replay fills and their columns; a rowid column (`id`, `chunk`) is left out, so the
    /// copied rows are numbered after this database's own, in their order in the shard. The other
    /// tables are read in the order they are stored: sorting them by key would build the sort in memory.
    private static let shardTables: [(table: String, columns: String, order: String?)] = [
        ("inbox", "event_id, type, time, voids, content", nil),
        ("ledger_entry", "kind, event_id, key, participant, points, time, visible_at, shown_at", "id"),
        ("member", "participant, points, free_drinks_earned, free_drinks_redeemed, updated_at, as_of", nil),
        ("backend_call", "key, response", nil),
        ("workflow_execution", "id, machine, name, status, started_at, stopped_at, transitions, needs_resume, snapshot", nil),
        ("workflow_history", "execution_id, first_event_id, events", "chunk"),
    ]

    /// Closes the connection of a file opened for one run, so that another connection may read the
    /// file; the file must not be used afterwards.
    public func close() throws {
        try commitGroupedWrites()
        try (writer as? DatabaseQueue)?.close()
    }

    /// Copies every row of the replay database at `path` (a shard of the same replay, closed) into this
    /// one, in one transaction: all of it or none. The copies fail rather than abort on a conflict (the
    /// transaction is rolled back either way): an aborting statement would first copy every page it
    /// changes into a statement journal, held in memory, tens of megabytes for a big replay.
    ///
    /// - Throws: ``StorageError/unfinishedShard(path:timers:)`` when the shard still holds timers
    ///   (a replay ends once every timer has fired, so its timers never need merging).
    public func absorb(shardAt path: String) throws {
        try commitGroupedWrites()
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE shard") }
            let timers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shard.workflow_timer") ?? 0
            guard timers == 0 else { throw StorageError.unfinishedShard(path: path, timers: timers) }
            try db.inTransaction(.immediate) {
                for (table, columns, order) in Self.shardTables {
                    let ordered = order.map { " ORDER BY \($0)" } ?? ""
                    try db.execute(sql: "INSERT OR FAIL INTO main.\(table) (\(columns)) SELECT \(columns) FROM shard.\(table)\(ordered)")
                }
                return .commit
            }
            db.releaseMemory()
        }
    }
}
