import Determinism
import Testing

/// The engine derives each step's random numbers from the execution and the event number without
/// building the stream's name; the numbers must be those of the named stream, or seeded runs would
/// change from one version to the next.
@Suite struct SeededStreamTests {
    @Test(arguments: [0, 7, 10, 99, 1_000, 123_456_789, -42])
    func indexedStreamIsTheNamedStream(index: Int) {
        var indexed = SeededGenerator(seed: 2017, stream: "arn:aws:states:local:000000000000:execution:vp:e-1", index: index)
        var named = SeededGenerator(seed: 2017, stream: "arn:aws:states:local:000000000000:execution:vp:e-1#\(index)")
        for _ in 0..<4 { #expect(indexed.next() == named.next()) }
    }
}
