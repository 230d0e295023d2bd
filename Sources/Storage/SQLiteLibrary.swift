import ProcessSettings

/// Process-wide settings of the SQLite library, applied once, before the first database opens.
///
/// SQLite keeps memory statistics by default, and every allocation then takes one mutex shared by the
/// whole process: the shards of a replay, each on its own thread with its own file, queued on it (a
/// profile of fleet-day's replay put 7 % of its samples in that mutex, most of them waiting in the kernel).
/// VendingPass reads none of those statistics, so they are turned off.
///
/// Statement and savepoint journals stay in memory up to 4 MiB, allocated as one chunk, for files whose
/// `temp_store` is the default (a replay's, where every write is a savepoint in a group). With
/// `temp_store = MEMORY` SQLite writes them in chunks of 1 KiB through `sqlite3_malloc`, which checks
/// that the library is initialized behind a memory barrier at every call: five barriers a page, 1.7 %
/// of the million-purchase replay's samples. No savepoint of a replay comes near 4 MiB (strace counts
/// no temporary file).
enum SQLiteLibrary {
    /// Applies the settings if SQLite has not initialized yet; afterwards it changes nothing.
    static func prepare() {
        _ = configured
    }

    /// Statement journals kept in memory up to this size, in one chunk.
    static let statementJournalBytes: Int32 = 4 << 20

    /// Whether the settings took effect (false when SQLite had initialized first, as in a test process
    /// that opened a database through GRDB directly).
    private static let configured: Bool = vp_sqlite_disable_memory_statistics() == 0 && vp_sqlite_set_statement_journal_spill(statementJournalBytes) == 0
}
