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

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1e6
    }
}
