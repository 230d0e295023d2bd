import Foundation

/// The processor time the whole process has used (user and kernel, every thread), from `getrusage`.
///
/// On this shared machine the wall time of one command varies by a fifth from run to run; processor
/// time per unit of work varies less and adds up both of the engine's threads, which is what a target
/// on two cores must fit in.
enum ProcessorTime {
    /// Seconds used so far.
    static func seconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Seconds used so far by each live thread, by thread id (from `/proc/self/task`).
    static func secondsByThread() -> [Int: Double] {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var byThread: [Int: Double] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? [] {
            guard let id = Int(name), let stat = try? String(contentsOfFile: "/proc/self/task/\(name)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { continue }
            // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let kernel = Double(fields[12]) else { continue }
            byThread[id] = (user + kernel) / ticks
        }
        return byThread
    }

    /// The busiest threads' seconds between two readings of ``secondsByThread()``, largest first.
    static func busiest(from start: [Int: Double], to end: [Int: Double], count: Int = 3) -> [Double] {
        Array(end.map { $0.value - (start[$0.key] ?? 0) }.sorted(by: >).prefix(count))
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
}
