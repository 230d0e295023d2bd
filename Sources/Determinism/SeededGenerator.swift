/// A fast seeded random number generator (SplitMix64): every draw of the simulation comes from one of
/// these, so `--seed 42` replays a run exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// An independent generator derived from this seed and a label, for one component or one entity.
    public init(seed: UInt64, stream: String) {
        var hash = StreamHash()
        hash.mix(stream)
        self.init(seed: seed, streamHash: hash)
    }

    /// The generator of `init(seed:stream:)` for the stream `"\(stream)#\(index)"`, without making that string.
    public init(seed: UInt64, stream: String, index: Int) {
        var hash = StreamHash()
        hash.mix(stream)
        hash.mix(UInt8(ascii: "#"))
        if index < 0 { hash.mix(UInt8(ascii: "-")) }
        let magnitude = index.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            hash.mix(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
        self.init(seed: seed, streamHash: hash)
    }

    private init(seed: UInt64, streamHash: StreamHash) {
        state = seed ^ streamHash.value
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
