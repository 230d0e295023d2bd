import GRDB
import GRDBSQLite

/// A prepared statement bound, stepped and read through SQLite's C API, for the statements that run
/// hundreds of thousands of times in a run (the workflow store's group commits, the legacy backend's
/// calls), where building GRDB's `StatementArguments` and rows for each would cost more than SQLite's
/// own work.
struct RawStatement {
    private let handle: OpaquePointer
    private let database: Database

    /// The statement for `sql`, from the connection's statement cache.
    init(_ sql: String, in database: Database) throws {
        handle = try database.cachedStatement(sql: sql).sqliteStatement
        self.database = database
    }

    /// Runs the statement once with `values` bound to its parameters in order, then resets it for the next row.
    func run<each Value: RawBindable>(_ values: repeat each Value) throws {
        bind(repeat each values)
        _ = try step()
        sqlite3_reset(handle)
    }

    /// Runs a query with `values` bound to its parameters in order and reads its first row, if any, with `read`.
    func first<T, each Value: RawBindable>(_ values: repeat each Value, read: (RawStatement) -> T) throws -> T? {
        bind(repeat each values)
        defer { sqlite3_reset(handle) }
        return try step() ? read(self) : nil
    }

    /// Runs a query with `values` bound to its parameters in order and calls `body` with each row, read
    /// in place: no row is copied into an object of its own.
    func forEachRow<each Value: RawBindable>(_ values: repeat each Value, body: (RawStatement) throws -> Void) throws {
        bind(repeat each values)
        defer { sqlite3_reset(handle) }
        while try step() { try body(self) }
    }

    /// The integer in the 0-based `column` of the current row.
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The integer in `column`, or nil when it is NULL.
    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : int64(column)
    }

    /// The text in `column` (empty when NULL).
    func text(_ column: Int32) -> String {
        guard let characters = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self)
    }

    private func bind<each Value: RawBindable>(_ values: repeat each Value) {
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            value.bind(to: handle, at: index)
        }
    }

    /// Steps once: true when a row is ready to read, false when the statement has finished.
    private func step() throws -> Bool {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(database.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        return code == SQLITE_ROW
    }
}
