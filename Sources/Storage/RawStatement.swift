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

    /// Binds an integer to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds an integer, or NULL when nil.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds text, or NULL when nil.
    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds text (SQLite copies it).
    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bind(index, utf8: $0) }
    }

    /// Binds UTF-8 text held in bytes (SQLite copies it).
    func bind(_ index: Int32, utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            _ = "".withCString { sqlite3_bind_text(handle, index, $0, 0, transient) }
            return
        }
        start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
            _ = sqlite3_bind_text(handle, index, characters, Int32(bytes.count), transient)
        }
    }

    /// Runs the statement once with the bound values, then resets it for the next row.
    func run() throws {
        _ = try step()
        sqlite3_reset(handle)
    }

    /// Runs a query with the bound values and reads its first row, if any, with `read`.
    func first<T>(_ read: (RawStatement) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        return try step() ? read(self) : nil
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
