import Determinism

/// Walker's alias method over many weight lists kept in one pair of arrays: draws an index of a segment
/// with probability proportional to its weight, in constant time, without copying any table.
struct AliasSegments {
    private var probability: [Double] = []
    private var alias: [Int32] = []
    private var starts: [Int] = []
    private var counts: [Int] = []

    /// Adds a segment for `weights` and returns its number.
    @discardableResult
    mutating func append(weights: [Double]) -> Int {
        let count = weights.count
        starts.append(probability.count)
        counts.append(count)
        var segmentProbability = Array(repeating: 1.0, count: count)
        var segmentAlias = Array(repeating: Int32(0), count: count)
        let total = weights.reduce(0, +)
        if count > 0, total > 0 {
            var scaled = weights.map { $0 * Double(count) / total }
            var small: [Int] = []
            var large: [Int] = []
            for (index, value) in scaled.enumerated() {
                if value < 1 { small.append(index) } else { large.append(index) }
            }
            while let less = small.popLast(), let more = large.last {
                segmentProbability[less] = scaled[less]
                segmentAlias[less] = Int32(more)
                scaled[more] -= 1 - scaled[less]
                if scaled[more] < 1 {
                    large.removeLast()
                    small.append(more)
                }
            }
            for index in small + large { segmentProbability[index] = 1 }
        }
        probability += segmentProbability
        alias += segmentAlias
        return starts.count - 1
    }

    /// How many weights the segment has.
    func count(of segment: Int) -> Int { counts[segment] }

    /// An index within `segment`, or nil when it is empty.
    func draw(from segment: Int, using random: inout SeededGenerator) -> Int? {
        let count = counts[segment]
        guard count > 0 else { return nil }
        let column = Int.random(in: 0..<count, using: &random)
        let start = starts[segment]
        return Double.random(in: 0..<1, using: &random) < probability[start + column] ? column : Int(alias[start + column])
    }
}
