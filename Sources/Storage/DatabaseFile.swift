import Foundation
import GRDB

/// An open, migrated VendingPass database: SQLite in WAL mode through a GRDB `DatabasePool`, shared by
/// the ledger (``VendingDatabase``) and the workflow store (``SQLiteWorkflowStore``).
public struct DatabaseFile: Sendable {
    /// The connection pool (a queue for in-memory databases).
    public let writer: any DatabaseWriter

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try StorageMigrations.migrator.migrate(writer)
    }

    /// Opens the database at `path`, creating it when `createIfMissing` is true.
    ///
    /// - Throws: ``StorageError/missingDatabase(path:)`` when the file is absent and may not be created;
    ///   ``StorageError/notAVendingPassDatabase(path:reason:)`` when the file holds something else.
    public static func open(at path: String, createIfMissing: Bool) throws -> DatabaseFile {
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
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            return try DatabaseFile(writer: DatabasePool(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.message ?? "\(error)")
        } catch let error as OwnershipError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.reason)
        }
    }

    /// A new database file for one process's run, such as a replay: a single connection that holds the
    /// file's lock for the whole run, so no transaction pays for the shared-memory locks readers would
    /// need; WAL without fsync, checkpointed every 32 MiB. The file survives the process dying, not the
    /// machine losing power, and other processes may open it once this one has closed it.
    ///
    /// - Throws: ``StorageError/notAVendingPassDatabase(path:reason:)`` when the file cannot be created.
    public static func createForOneRun(at path: String) throws -> DatabaseFile {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 8192")
        }
        do {
            return try DatabaseFile(writer: DatabaseQueue(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> DatabaseFile {
        try DatabaseFile(writer: DatabaseQueue())
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
