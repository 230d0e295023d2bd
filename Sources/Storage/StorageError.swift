/// A database that cannot be used, with a message that says what to do.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file at the path, for a command that only reads.
    case missingDatabase(path: String)
    /// The file exists but is not an SQLite database, or is one of another program.
    case notAVendingPassDatabase(path: String, reason: String)
    /// The database was filled under other program rules than the ones asked for now.
    case rulesMismatch(stored: String, requested: String)
    /// A new database file cannot be made at the path (its folder is missing or not writable).
    case cannotCreate(path: String, reason: String)
    /// Something stored in the file cannot be read back: what, and why.
    case damaged(path: String, reason: String)
    /// A shard of a replay still holds timers, so its executions did not finish and it cannot be merged.
    case unfinishedShard(path: String, timers: Int)

    public var description: String {
        switch self {
        case .missingDatabase(let path):
            "no database at \(path): run `vendingpass ingest TRACE --db \(path)` first, or pass --db PATH"
        case .notAVendingPassDatabase(let path, let reason):
            "\(path) is not a VendingPass database: \(reason)"
        case .rulesMismatch(let stored, let requested):
            "this database keeps balances under the rules \(stored); they cannot be mixed with \(requested)"
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason)"
        case .damaged(let path, let reason):
            "\(path) is damaged: \(reason)"
        case .unfinishedShard(let path, let timers):
            "cannot merge the replay's shard \(path): it still holds \(timers) timers, so some executions did not finish"
        }
    }
}
