import ProcessSettings

/// Process-wide settings of the SQLite library, applied once, before the first database opens.
///
/// SQLite keeps memory statistics by default, and every allocation then takes one mutex shared by the
/// whole process: the shards of a replay, each on its own thread with its own file, queued on it (a
/// profile of fleet-day's replay put 7 % of its samples in that mutex, most of them waiting in the kernel).
/// VendingPass reads none of those statistics, so they are turned off.
enum SQLiteLibrary {
    /// Applies the settings if SQLite has not initialized yet; afterwards it changes nothing.
    static func prepare() {
        _ = configured
    }

    /// Whether the settings took effect (false when SQLite had initialized first, as in a test process
    /// that opened a database through GRDB directly).
    private static let configured: Bool = vp_sqlite_disable_memory_statistics() == 0
}
