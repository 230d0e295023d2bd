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

    mutating func insert(_ id: String) {
        Self.forEachPosition(of: id, size: bits.count * 64) { bits[$0 >> 6] |= 1 << UInt64($0 & 63) }
        count += 1
    }

    func mightContain(_ id: String) -> Bool {
        var found = true
        Self.forEachPosition(of: id, size: bits.count * 64) { if bits[$0 >> 6] & (1 << UInt64($0 & 63)) == 0 { found = false } }
        return found
    }

    /// Calls `body` with each of the id's bit positions below `size`. Static, so that `insert` setting
    /// bits in its closure does not hold a second reference to them (which copied the array at every insert).
    private static func forEachPosition(of id: String, size: Int, _ body: (Int) -> Void) {
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        var second: UInt64 = 0x8422_2325_CBF2_9CE4
        for byte in id.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x9E37_79B9_7F4A_7C15
        }
        let size = UInt64(size)
        for index in 0..<UInt64(hashes) { body(Int((first &+ index &* (second | 1)) % size)) }
    }
}
