#ifndef SQLITE_SETTINGS_H
#define SQLITE_SETTINGS_H

/// Turns off SQLite's memory statistics for the whole process, so that its allocations no longer take
/// one process-wide mutex (threads that each run their own database, such as a replay's shards, queued
/// on it). Takes effect only before SQLite initializes; afterwards it changes nothing and returns
/// SQLITE_MISUSE (21). Returns SQLITE_OK (0) when it took effect.
int vp_sqlite_disable_memory_statistics(void);

#endif
