import Foundation

/// The process's resident memory, read from /proc.
enum ResidentMemory {
    /// Current resident set size in MiB (VmRSS), or 0 where /proc is not available.
    static func megabytes() -> Double {
        field("VmRSS")
    }

    /// Peak resident set size in MiB (VmHWM).
    static func peakMegabytes() -> Double {
        field("VmHWM")
    }

    private static func field(_ name: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
