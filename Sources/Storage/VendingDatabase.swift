import Foundation
import GRDB
import Loyalty

/// The loyalty database: the inbox of seen events, the append-only ledger and the member records.
///
/// Member balances are **kept in step with the ledger**: every ledger entry and the member record it
/// changes are written in the same transaction, so a balance is read with one row lookup and always
/// equals the sum of the member's ledger entries (the tests check that equality).
///
/// On disk the database is SQLite in WAL mode through a GRDB `DatabasePool`; tests use ``inMemory()``.
public struct VendingDatabase: Sendable {
    let writer: any DatabaseWriter

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens the database at `path`, creating it when `createIfMissing` is true.
    ///
    /// - Throws: ``StorageError/missingDatabase(path:)`` when the file is absent and may not be created;
    ///   ``StorageError/notAVendingPassDatabase(path:reason:)`` when the file holds something else.
    public static func open(at path: String, createIfMissing: Bool) throws -> VendingDatabase {
        if !FileManager.default.fileExists(atPath: path) {
            guard createIfMissing else { throw StorageError.missingDatabase(path: path) }
        }
        let pool: DatabasePool
        do {
            if FileManager.default.fileExists(atPath: path) {
                var configuration = Configuration()
                configuration.readonly = true
                try DatabaseQueue(path: path, configuration: configuration).read { db in try Self.checkOwnership(db) }
            }
            pool = try DatabasePool(path: path)
        } catch let error as DatabaseError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.message ?? "\(error)")
        } catch let error as OwnershipError {
            throw StorageError.notAVendingPassDatabase(path: path, reason: error.reason)
        }
        return try VendingDatabase(writer: pool)
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> VendingDatabase {
        try VendingDatabase(writer: DatabaseQueue())
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
