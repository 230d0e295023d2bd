import JSON

/// An execution's id with its hash, computed once: the engine's cache of executions and its filter of
/// names both key on ids of about 60 bytes (`arn:aws:states:…:execution:machine:name`), which a
/// `Hasher` would run SipHash over at every lookup.
struct ExecutionKey: Hashable, Sendable {
    let id: String
    let hash: UInt64

    init(_ id: String) {
        self.id = id
        hash = ByteHash.of(id)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    static func == (lhs: ExecutionKey, rhs: ExecutionKey) -> Bool {
        lhs.hash == rhs.hash && lhs.id == rhs.id
    }
}
