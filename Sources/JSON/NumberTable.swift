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
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash, keys[number] == key { return number }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(hashes.count)
        hashes.append(hash)
        keys.append(key)
        if hashes.count * 2 > slots.count { grow() }
        return nil
    }

    /// The number of `key`, whose hash is `hash`, if it has one: a lookup that never adds the key.
    func existingNumber(of key: Key, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash, keys[number] == key { return number }
            slot = (slot + 1) & mask
        }
        return nil
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

    /// A string's hash from its UTF-8 bytes, eight at a time (FNV-1a a byte at a time was a seventh of
    /// the writer's time), mixed so that its low bits (the slot) depend on every byte. Only equal
    /// strings must hash alike, within one process: the numbers follow the order strings are written in,
    /// never the hash, so the bytes written do not depend on it.
    static func hash(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 where Key == String {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash = hash.rotatedLeft(by: 29)
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail |= UInt64(raw[index]) << UInt64((index - offset) * 8) }
        return mix(hash ^ tail)
    }

    /// Spreads a value's bits (the finalizer of MurmurHash3).
    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }
}

extension UInt64 {
    /// The bits rotated `count` places to the left.
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
