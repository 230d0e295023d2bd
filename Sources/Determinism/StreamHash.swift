/// FNV-1a: the same 64 bits for the same text in every process (unlike `Hasher`, which is seeded per
/// process). It derives a ``SeededGenerator`` from a stream's name, and keys tables too large to hold
/// their texts.
public struct StreamHash: Sendable {
    /// The hash of what was mixed in so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// A hash of nothing yet.
    public init() {}

    /// The hash of `text`'s UTF-8 bytes.
    public static func of(_ text: String) -> UInt64 {
        var hash = StreamHash()
        hash.mix(text)
        return hash.value
    }

    /// Mixes in one byte.
    public mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Mixes in `text`'s UTF-8 bytes, straight from its storage when it has them contiguous (it is
    /// hashed for every string a compact JSON document holds, and every backend call's key).
    public mutating func mix(_ text: String) {
        let mixed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { mix(byte) }
        }
        if mixed == nil {
            for byte in text.utf8 { mix(byte) }
        }
    }
}
