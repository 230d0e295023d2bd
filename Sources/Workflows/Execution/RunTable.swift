/// An execution's live runs by id, in id order: an array searched by id, since an execution has one
/// run most of the time and new runs always get the highest id. Looking runs up in a `Dictionary`
/// (hashing the id at every step of the interpreter) was 7 % of the engine's thread.
struct RunTable: Hashable, Sendable {
    private var runs: [Run] = []

    /// An empty table.
    init() {}

    /// Whether no run is live.
    var isEmpty: Bool { runs.isEmpty }

    /// The ids of the live runs, lowest first.
    var keys: [Int] { runs.map(\.id) }

    /// The live runs, lowest id first.
    var values: [Run] { runs }

    /// The run with `id`; setting nil removes it.
    subscript(id: Int) -> Run? {
        get { position(of: id).map { runs[$0] } }
        set {
            let found = position(of: id)
            switch (found, newValue) {
            case (let index?, let run?): runs[index] = run
            case (let index?, nil): runs.remove(at: index)
            case (nil, let run?): runs.insert(run, at: insertionPoint(of: id))
            case (nil, nil): break
            }
        }
    }

    /// A field of the run with `id`, read in place: the subscript copies the whole run out, retaining
    /// and releasing each of its fields, to read one of them.
    func read<Field>(_ id: Int, _ field: (Run) -> Field) -> Field? {
        guard let index = position(of: id) else { return nil }
        return field(runs[index])
    }

    /// Changes the run with `id` in place, if it is live. Setting a field through the subscript
    /// (`runs[id]?.token += 1`) copies the run out and back, retaining and releasing each of its fields.
    mutating func update(_ id: Int, _ body: (inout Run) -> Void) {
        guard let index = position(of: id) else { return }
        body(&runs[index])
    }

    /// Removes the run with `id` and returns it.
    @discardableResult
    mutating func removeValue(forKey id: Int) -> Run? {
        guard let index = position(of: id) else { return nil }
        return runs.remove(at: index)
    }

    /// Removes every run.
    mutating func removeAll() {
        runs.removeAll()
    }

    private func position(of id: Int) -> Int? {
        if runs.count <= 8 { return runs.firstIndex { $0.id == id } }
        let index = insertionPoint(of: id)
        return index < runs.count && runs[index].id == id ? index : nil
    }

    /// Where a run with `id` belongs in id order (the end, for a new run).
    private func insertionPoint(of id: Int) -> Int {
        if let last = runs.last, last.id < id { return runs.count }
        var low = 0
        var high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
