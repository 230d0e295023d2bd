/// Numbers keys 0, 1, 2, … in the order first seen, by a 64-bit hash the caller computes: an
/// open-addressing table for ``CompactJSONWriter``, which looks up every string and container it
/// writes, where a `Dictionary` (hashing each string with SipHash, twice when it is new) cost more than
/// writing the document.
struct NumberTable<Key: Equatable & Sendable>: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var keys: [Key] = []

    /// An empty table sized for about `capacity` entries before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
    }

    /// How many keys are numbered.
    var count: Int { hashes.count }

    /// The number of `key`, whose hash is `hash`; nil after numbering it as new.
    mutating func number(of key: Key, hash: UInt64) -> Int? {
        let (number, slot) = find(key, hash: hash)
        if let number { return number }
        slots[slot] = Int32(hashes.count)
        hashes.append(hash)
        keys.append(key)
        if hashes.count * 2 > slots.count { grow() }
        return nil
    }

    /// The number of `key`, whose hash is `hash`, if it has one: a lookup that never adds the key.
    func existingNumber(of key: Key, hash: UInt64) -> Int? {
        find(key, hash: hash).number
    }

    /// The key's number, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: Key, hash: UInt64) -> (number: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash, keys[number] == key { return (number, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// Forgets every key, keeping the table's storage for the next document.
    mutating func removeAll() {
        let mask = slots.count - 1
        for hash in hashes {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                slots[slot] = -1
                slot = (slot + 1) & mask
            }
        }
        hashes.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
