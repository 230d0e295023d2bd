import ProcessSettings

/// How many heaps glibc's allocator keeps for the process's threads.
///
/// By default glibc gives busy threads heaps of their own, up to eight per core, and memory a thread
/// frees stays in its heap. A replay's shards and their writers allocate on four threads, and the
/// comparison at the end on another: the shards' freed memory was not reused, and the million-purchase
/// replay's peak varied from 406,204 to 494,380 KB between runs of one build. With two heaps the
/// comparison reuses what the shards freed: 385,744–400,788 KB in five runs (BENCHMARKS.md).
enum MallocArenas {
    /// Heaps shared by every thread. Two is what was measured (on two cores); a thread that finds both
    /// heaps taken waits for one, which cost no time the measurements could see.
    static let limit: Int32 = 2

    /// Caps the heaps; called once, before the command starts its threads.
    static func limitForThisProcess() {
        _ = vp_limit_malloc_arenas(limit)
    }
}
