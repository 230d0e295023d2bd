import Foundation

/// Timestamps as ASL writes them: RFC 3339 with an uppercase `T`, and `Z` or a numeric offset.
public enum ASLTimestamp {
    /// Milliseconds since the Unix epoch, or nil when `text` is not such a timestamp.
    public static func parse(_ text: String) -> Int64? {
        guard text.count >= 20, text.contains("T") else { return nil }
        let styles = [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()]
        for style in styles {
            if let date = try? style.parse(text) {
                return Int64((date.timeIntervalSince1970 * 1000).rounded())
            }
        }
        return nil
    }
}
