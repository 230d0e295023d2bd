#ifndef PROCESS_SETTINGS_H
#define PROCESS_SETTINGS_H

/// Process-wide settings of C libraries that Swift cannot reach: `sqlite3_config` is variadic, and
/// `mallopt` is declared in <malloc.h>, outside the Glibc module.

/// Turns off SQLite's memory statistics for the whole process, so that its allocations no longer take
/// one process-wide mutex (threads that each run their own database, such as a replay's shards, queued
/// on it). Takes effect only before SQLite initializes; afterwards it changes nothing and returns
/// SQLITE_MISUSE (21). Returns SQLITE_OK (0) when it took effect.
int vp_sqlite_disable_memory_statistics(void);

/// Keeps statement journals (a savepoint's copies of the pages it changes) in memory up to `bytes`,
/// in chunks of that size, for databases whose temp_store is FILE; past it they spill to a temporary
/// file. Takes effect only before SQLite initializes; returns SQLITE_OK (0) when it took effect.
int vp_sqlite_set_statement_journal_spill(int bytes);

/// Caps the heaps (arenas) glibc's allocator keeps for the process's threads at `count`; returns 1
/// when it took effect, 0 otherwise (and on systems without glibc).
int vp_limit_malloc_arenas(int count);

#endif
