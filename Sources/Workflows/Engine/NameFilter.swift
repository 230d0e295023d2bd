import JSON

/// A Bloom filter over execution ids: when it says an id was never stored, ``WorkflowEngine/start(machine:name:input:)``
/// skips reading the store. It may answer "maybe" for a new id (then the store is read), never "no" for a stored one.
struct NameFilter: Sendable {
    private var bits: [UInt64]
    /// Ids it was sized for, at about a 1 % false-positive rate; past that, the engine rebuilds it larger.
    let capacity: Int
    private(set) var count = 0
    private static let hashes = 7

    init(capacity: Int) {
        self.capacity = capacity
        bits = Array(repeating: 0, count: max(1, capacity * 10 / 64 + 1))
    }

    var isFull: Bool { count >= capacity }

    /// Adds the id whose key is `key`.
    mutating func insert(_ key: ExecutionKey) {
        Self.forEachPosition(of: key.hash, size: bits.count * 64) { bits[$0 >> 6] |= 1 << UInt64($0 & 63) }
        count += 1
    }

    /// Whether the id whose key is `key` may have been added.
    func mightContain(_ key: ExecutionKey) -> Bool {
        var found = true
        Self.forEachPosition(of: key.hash, size: bits.count * 64) { if bits[$0 >> 6] & (1 << UInt64($0 & 63)) == 0 { found = false } }
        return found
    }

    /// Calls `body` with each of the bit positions below `size` of the id whose hash is `hash` (double
    /// hashing: the hash, stepped by a second one mixed from it). Static, so that `insert` setting bits in
    /// its closure does not hold a second reference to them (which copied the array at every insert).
    private static func forEachPosition(of hash: UInt64, size: Int, _ body: (Int) -> Void) {
        let first = hash
        let second = ByteHash.mix(hash ^ 0x8422_2325_CBF2_9CE4) | 1
        let size = UInt64(size)
        for index in 0..<UInt64(hashes) { body(Int((first &+ index &* second) % size)) }
    }
}
