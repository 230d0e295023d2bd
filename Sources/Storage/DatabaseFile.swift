import Foundation
import GRDB

/// An open, migrated VendingPass database: SQLite in WAL mode through a GRDB `DatabasePool`, shared by
/// the ledger (``VendingDatabase``) and the workflow store (``SQLiteWorkflowStore``).
public struct DatabaseFile: Sendable {
    /// The connection pool (a queue for in-memory databases and files opened for one run).
    public let writer: any DatabaseWriter
    /// For a file opened for one run: its writes are grouped into larger transactions.
    private let group: TransactionGroup?

    private init(writer: any DatabaseWriter, group: TransactionGroup? = nil) throws {
        self.writer = writer
        self.group = group
        try StorageMigrations.migrator.migrate(writer)
    }

    /// Runs `body` as a read: on a pool, in a read transaction of a reader connection, which sees the
    /// last commit; on a single connection, directly on it, after every write made so far. (Switching
    /// that connection to read-only for each read, as GRDB's isolated reads do, makes SQLite recompile
    /// every prepared statement afterwards.)
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        if writer is DatabaseQueue { return try writer.unsafeRead(body) }
        return try writer.read(body)
    }

    /// Runs `body` as one write that takes effect whole or not at all: its own transaction, or for a
    /// file opened for one run, a savepoint inside the run's current group of writes.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard let group else { return try writer.write(body) }
        return try writer.writeWithoutTransaction { db in try group.write(body, in: db) }
    }

    /// Runs `body` as one large write in a transaction of its own: for a file opened for one run, after
    /// committing the writes grouped so far (a savepoint inside the group would copy every page the
    /// group had already changed into its journal, tens of megabytes for a big group commit of the
    /// workflow engine).
    public func writeAlone<T>(_ body: (Database) throws -> T) throws -> T {
        guard let group else { return try writer.write(body) }
        return try writer.writeWithoutTransaction { db in try group.writeAlone(body, in: db) }
    }

    /// Commits the writes grouped so far (for a file opened for one run; otherwise there is nothing to do).
    public func commitGroupedWrites() throws {
        guard let group else { return }
        try writer.writeWithoutTransaction { db in try group.commit(db) }
    }

    /// Opens the database at `path`, creating it when `createIfMissing` is true: a pool of connections
    /// in WAL mode, the one that writes with a 32 MiB page cache (the engine's group commits insert
    /// into several indexes at random places; readers keep SQLite's default, since their caches are
    /// discarded whenever the file changes), and temporary data (statement and savepoint journals) in
    /// memory.
    ///
    /// - Throws: ``StorageError/missingDatabase(path:)`` when the file is absent and may not be created;
    ///   ``StorageError/notAVendingPassDatabase(path:reason:)`` when the file holds something else.
    public static func open(at path: String, createIfMissing: Bool) throws -> DatabaseFile {
        SQLiteLibrary.prepare()
        if !FileManager.default.fileExists(atPath: path) {
            guard createIfMissing else { throw StorageError.missingDatabase(path: path) }
        }
        do {
            if FileManager.default.fileExists(atPath: path) {
                var configuration = Configuration()
                configuration.readonly = true
                try DatabaseQueue(path: path, configuration: configuration).read { db in try checkOwnership(db) }
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
                if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -32768") }
            }
            return try DatabaseFile(writer: DatabasePool(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.message ?? "\(error)")
        } catch let error as OwnershipError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.reason)
        }
    }

    /// The page cache of a file opened for one run, in MiB (see ``createForOneRun(at:groupedWrites:cacheMebibytes:)``);
    /// files that replay side by side share it.
    public static let oneRunCacheMebibytes = 32

    /// A new database file for one process's run, such as a replay: a single connection that holds the
    /// file's lock for the whole run, so no transaction pays for the shared-memory locks readers would
    /// need; WAL without fsync, checkpointed every 32 MiB; a 32 MiB page cache (with SQLite's default
    /// 2 MiB the backend's random index inserts spilled and re-read pages all run long: fleet-day spent
    /// a fifth of its thread in the kernel; a replay split into shards divides the 32 MiB between
    /// them, each holding part of the data); savepoint journals in memory (every write is a savepoint in
    /// a group, and SQLite copies each page a savepoint first changes to its journal: in a temporary
    /// file, that was a system call per page, most of the kernel time left), in one chunk of up to
    /// 4 MiB per savepoint (see ``SQLiteLibrary``) rather than `temp_store = MEMORY`'s chunks of 1 KiB,
    /// each of which cost a memory barrier in `sqlite3_malloc`; writes made through
    /// ``write(_:)`` grouped into transactions of `groupedWrites` (call ``commitGroupedWrites()`` at the
    /// end). The file survives the process dying (less the open group), not the machine losing power,
    /// and other processes may open it once this one has closed it.
    ///
    /// - Throws: ``StorageError/cannotCreate(path:reason:)`` when the file's folder is missing or not
    ///   writable; ``StorageError/notAVendingPassDatabase(path:reason:)`` when SQLite refuses the file.
    public static func createForOneRun(
        at path: String, groupedWrites: Int = 1_000, cacheMebibytes: Int = oneRunCacheMebibytes
    ) throws -> DatabaseFile {
        SQLiteLibrary.prepare()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StorageError.cannotCreate(path: path, reason: "there is no folder \(folder)")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw StorageError.cannotCreate(path: path, reason: "the folder \(folder) is not writable")
        }
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 8192")
            try db.execute(sql: "PRAGMA cache_size = \(-1_024 * max(1, cacheMebibytes))")
        }
        do {
            return try DatabaseFile(writer: DatabaseQueue(path: path, configuration: configuration), group: TransactionGroup(size: max(1, groupedWrites)))
        } catch let error as DatabaseError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> DatabaseFile {
        SQLiteLibrary.prepare()
        return try DatabaseFile(writer: DatabaseQueue())
    }

    /// Refuses to migrate an SQLite file that another program created; checked read-only, before
    /// opening the pool switches the file to WAL mode.
    private static func checkOwnership(_ db: Database) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if !tables.isEmpty, !tables.contains("grdb_migrations") {
            throw OwnershipError(reason: "it has tables (\(tables.prefix(3).joined(separator: ", "))) but none of VendingPass's migrations")
        }
    }

    private struct OwnershipError: Error {
        let reason: String
    }
}
