/// Levenshtein distance, and the "did you mean" hints built on it for misspelt names: the keys of a
/// trace line, a state machine or a scenario.
public enum EditDistance {
    /// The fewest single-character insertions, deletions and substitutions that turn `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The name of `names` that `target` most likely misspells: within two edits, case aside, and no
    /// more edits than half of `target`'s length; the first in alphabetical order among the closest.
    public static func suggestion(for target: String, among names: some Sequence<String>) -> String? {
        let lowered = target.lowercased()
        let close = names.map { (name: $0, distance: between($0.lowercased(), lowered)) }
            .filter { $0.distance <= 2 && $0.distance * 2 <= target.count }
        return close.min { ($0.distance, $0.name) < ($1.distance, $1.name) }?.name
    }

    /// The hint appended to a message about a misspelt name: ` (did you mean "Wait"?)`, or empty when
    /// no name of `names` is close (see ``suggestion(for:among:)``).
    public static func hint(for target: String, among names: some Sequence<String>) -> String {
        suggestion(for: target, among: names).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}
