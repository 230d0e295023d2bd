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
        var result: T?
        try db.inSavepoint {
            result = try body(db)
            return .commit
        }
        let due = writes.withLock { count in
            count += 1
            return count % size == 0
        }
        if due { try db.commit() }
        return result!
    }

    /// Commits the open group, if any.
    func commit(_ db: Database) throws {
        if db.isInsideTransaction { try db.commit() }
    }
}
