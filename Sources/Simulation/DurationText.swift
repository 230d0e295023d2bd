/// Durations as scenario files write them: a number with a unit, `150ms`, `90s`, `2m`, `1h`.
enum DurationText {
    /// Milliseconds, or nil when `text` is not a duration.
    static func milliseconds(_ text: String) -> Int64? {
        let units: [(String, Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            guard let value = Double(text.dropLast(unit.count)), value >= 0, value.isFinite else { return nil }
            return Int64((value * scale).rounded())
        }
        return nil
    }
}
