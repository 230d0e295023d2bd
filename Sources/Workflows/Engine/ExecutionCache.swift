/// The executions in the engine's memory, by id.
///
/// Each is kept in a box of its own, so that the table holds a reference (8 bytes) beside each key
/// rather than a whole execution (about 200): a table grows by doubling and is at most three
/// quarters full, so with executions inline a cache of 100,000 took 59 MB of table at its peak, most
/// of it empty slots, against 6 MB of table and 24 MB of boxes this way.
struct ExecutionCache {
    /// One execution's box, which the engine changes in place while it changes the rest of its state:
    /// stepping an execution costs no lookup beyond the first, and no new box. Only touched under the
    /// engine's lock (a staged batch carries boxes to the writer's thread, which reads them under it).
    final class Entry: @unchecked Sendable {
        var execution: ExecutionState
        /// Whether the execution changed since the last batch was taken (it is then in `EngineCore.dirty`).
        var isDirty = false
        /// The number of the last batch that took the execution: it may leave memory once that batch is
        /// written, not when an earlier one is (its latest state would not be in the store yet).
        var lastBatch = 0

        init(_ execution: ExecutionState) {
            self.execution = execution
        }
    }

    private var entries: [ExecutionKey: Entry] = [:]

    /// How many executions are in memory.
    var count: Int { entries.count }

    /// Their keys.
    var keys: [ExecutionKey] { Array(entries.keys) }

    /// Whether the execution is in memory (without copying it out).
    func contains(_ id: String) -> Bool {
        entries.index(forKey: ExecutionKey(id)) != nil
    }

    /// The execution's box, when it is in memory.
    func entry(_ id: String) -> Entry? {
        entries[ExecutionKey(id)]
    }

    /// The box of the execution whose key is `key`, when it is in memory.
    func entry(_ key: ExecutionKey) -> Entry? {
        entries[key]
    }

    /// Puts the execution into memory, in a new box, in place of any earlier copy; returns the box.
    @discardableResult
    mutating func insert(_ execution: ExecutionState, key: ExecutionKey? = nil) -> Entry {
        let entry = Entry(execution)
        entries[key ?? ExecutionKey(execution.id)] = entry
        return entry
    }

    /// Lets the execution in this box leave memory, unless another box has taken its place.
    mutating func remove(_ entry: Entry) {
        guard let index = entries.index(forKey: ExecutionKey(entry.execution.id)), entries.values[index] === entry else { return }
        entries.remove(at: index)
    }
}
