import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through SQLite's C API, for the few inserts that run
/// hundreds of thousands of times a second (the workflow store's group commits), where building
/// GRDB's `StatementArguments` for each row would cost more than SQLite's own work.
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
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(database.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        sqlite3_reset(handle)
    }
}
