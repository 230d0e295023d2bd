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
    let file: DatabaseFile

    /// Opens the ledger on a database already opened and migrated by ``DatabaseFile``.
    public init(file: DatabaseFile) {
        self.file = file
    }

    /// Opens the database at `path`, creating it when `createIfMissing` is true.
    ///
    /// - Throws: ``StorageError/missingDatabase(path:)`` when the file is absent and may not be created;
    ///   ``StorageError/notAVendingPassDatabase(path:reason:)`` when the file holds something else.
    public static func open(at path: String, createIfMissing: Bool) throws -> VendingDatabase {
        VendingDatabase(file: try DatabaseFile.open(at: path, createIfMissing: createIfMissing))
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws -> VendingDatabase {
        VendingDatabase(file: try DatabaseFile.inMemory())
    }
}
