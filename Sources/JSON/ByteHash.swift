/// A fast 64-bit hash of bytes, eight at a time, for tables that hash the same long keys again and
/// again (an execution's 60-byte ARN at every step): a `Hasher` runs SipHash over every byte, several
/// times slower. Equal bytes hash alike within one process; the value is not meant to be stored.
public enum ByteHash {
    /// The hash of `bytes`, mixed so that its low bits depend on every byte.
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash = (hash << 29) | (hash >> 35)
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail |= UInt64(raw[index]) << UInt64((index - offset) * 8) }
        return mix(hash ^ tail)
    }

    /// The hash of `string`'s UTF-8 bytes.
    public static func of(_ string: String) -> UInt64 {
        var contiguous = string
        return contiguous.withUTF8 { of($0) }
    }

    /// Spreads a value's bits (the finalizer of MurmurHash3).
    public static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }
}
