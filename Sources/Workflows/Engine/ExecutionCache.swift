/// The executions in the engine's memory, by id.
///
/// Each is kept in a box of its own, so that the table holds a reference (8 bytes) beside each key
/// rather than a whole execution (about 200): a table grows by doubling and is at most three
/// quarters full, so with executions inline a cache of 100,000 took 59 MB of table at its peak, most
/// of it empty slots, against 6 MB of table and 24 MB of boxes this way.
struct ExecutionCache {
    /// One execution's box; only the engine touches it, under its lock.
    private final class Entry {
        var execution: ExecutionState

        init(_ execution: ExecutionState) {
            self.execution = execution
        }
    }

    private var entries: [String: Entry] = [:]

    /// How many executions are in memory.
    var count: Int { entries.count }

    /// Their ids.
    var ids: [String] { Array(entries.keys) }

    /// Whether the execution is in memory (without copying it out).
    func contains(_ id: String) -> Bool {
        entries.index(forKey: id) != nil
    }

    /// The execution in memory (a copy); setting stores it, in its box when it has one.
    subscript(id: String) -> ExecutionState? {
        get { entries[id]?.execution }
        set {
            guard let newValue else {
                entries.removeValue(forKey: id)
                return
            }
            if let entry = entries[id] { entry.execution = newValue } else { entries[id] = Entry(newValue) }
        }
    }

    /// Takes the execution out of memory: the caller then holds it alone and changes it in place.
    mutating func remove(_ id: String) -> ExecutionState? {
        entries.removeValue(forKey: id)?.execution
    }

    /// Calls `body` on the execution in memory, in place; nil when it is not in memory.
    mutating func update<Result>(_ id: String, _ body: (inout ExecutionState) -> Result) -> Result? {
        guard let entry = entries[id] else { return nil }
        return body(&entry.execution)
    }
}
