import GRDB

/// Replays split over several databases, one per shard, and merged into the first at the end.
extension DatabaseFile {
    /// Tables left out of a merge: the migrations and the program's rules (the same in every shard), and
    /// the timers (checked empty). Every other table is copied whole, columns read from the schema, so a
    /// table or column that a later migration adds is merged too.
    private static let unmergedTables = ["grdb_migrations", "program", "workflow_timer"]

    /// Tables copied in another order than their rowid's. The ledger's rows go member by member (in
    /// time order, ties in the order written, which is what a member's history reads), so that its two
    /// indexes that begin with the member take them in order: the million-purchase replay's ledger
    /// merged in 0.84 s instead of 1.17 s (sqlite3 shell, the same two files).
    private static let copyOrders = ["ledger_entry": "participant, time, id"]

    /// Closes the connection of a file opened for one run, so that another connection may read the
    /// file; the file must not be used afterwards.
    public func close() throws {
        try commitGroupedWrites()
        try (writer as? DatabaseQueue)?.close()
    }

    /// Copies every row of the replay database at `path` (a shard of the same replay, closed) into this
    /// one, in one transaction. The copies fail rather than abort on a conflict: an aborting statement
    /// would first copy every page it changes into a statement journal, held in memory, tens of
    /// megabytes for a big replay.
    ///
    /// The copy runs without a journal: the WAL is checkpointed first, and the transaction writes each
    /// page once into the file instead of into the WAL and again at the next checkpoint (the
    /// million-purchase replay's merge took 9.3 s, 4.4 s of it in the kernel; 6.6 s without a
    /// journal). So a merge that fails leaves this file unusable, and the caller must remove it, as a
    /// replay does with its database whenever it fails. The file is back in WAL mode afterwards.
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
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM shard.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).filter { !Self.unmergedTables.contains($0) }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.inTransaction(.immediate) {
                for table in tables { try Self.copy(table, in: db) }
                return .commit
            }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            db.releaseMemory()
        }
    }

    /// Copies the shard's rows of `table` after this database's own. Its rowid column, if it has one
    /// (an `INTEGER PRIMARY KEY`, such as the ledger's `id`), is left out, so the rows are numbered
    /// after this database's, in their order in the shard (or in ``copyOrders``, read through an index
    /// that has it); the other tables are read in the order they are stored (sorting them by a text key
    /// would build the sort in memory).
    private static func copy(_ table: String, in db: Database) throws {
        let columns = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?, 'main')", arguments: [table])
        let keys = columns.filter { ($0["pk"] as Int? ?? 0) > 0 }
        let rowid: String? = keys.count == 1 && (keys[0]["type"] as String? ?? "").uppercased() == "INTEGER" ? keys[0]["name"] : nil
        let copied = columns.compactMap { $0["name"] as String? }.filter { $0 != rowid }.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
        let order = (copyOrders[table] ?? rowid?.quotedDatabaseIdentifier).map { " ORDER BY \($0)" } ?? ""
        let name = table.quotedDatabaseIdentifier
        try db.execute(sql: "INSERT OR FAIL INTO main.\(name) (\(copied)) SELECT \(copied) FROM shard.\(name)\(order)")
    }
}
