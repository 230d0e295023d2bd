import GRDB
import Synchronization

/// Groups many small writes into one SQLite transaction, committed every `size` writes: each write
/// is a savepoint inside it, so it still takes effect whole or not at all, but the file is written
/// once per group instead of once per write. For a database that one process owns for one run.
final class TransactionGroup: Sendable {
    private let size: Int
    private let writes = Mutex(0)

    init(size: Int) {
        self.size = size
    }

    /// Runs `body` as one write inside the open group, opening a group first when none is open.
    func write<T>(_ body: (Database) throws -> T, in db: Database) throws -> T {
        if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
        let result = try inSavepoint(body, in: db)
        let due = writes.withLock { count in
            count += 1
            return count % size == 0
        }
        if due { try db.commit() }
        return result
    }

    /// Runs `body` as a transaction of its own, after committing the open group: for large writes, which
    /// a savepoint would copy page by page into its journal (every page the group had already changed).
    func writeAlone<T>(_ body: (Database) throws -> T, in db: Database) throws -> T {
        try commit(db)
        writes.withLock { $0 = 0 }
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body(db)
            return .commit
        }
        return result!
    }

    /// Runs `body` in a savepoint, rolled back when it throws. The savepoint statements come from the
    /// connection's statement cache (GRDB's own savepoints compile them again for every write).
    private func inSavepoint<T>(_ body: (Database) throws -> T, in db: Database) throws -> T {
        try RawStatement("SAVEPOINT grouped_write", in: db).run()
        let result: T
        do {
            result = try body(db)
        } catch {
            try RawStatement("ROLLBACK TO SAVEPOINT grouped_write", in: db).run()
            try RawStatement("RELEASE SAVEPOINT grouped_write", in: db).run()
            throw error
        }
        try RawStatement("RELEASE SAVEPOINT grouped_write", in: db).run()
        return result
    }

    /// Commits the open group, if any.
    func commit(_ db: Database) throws {
        if db.isInsideTransaction { try db.commit() }
    }
}
