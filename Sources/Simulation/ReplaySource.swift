import Fleet
import Loyalty

/// The events a scenario replays: its trace file, or a trace generated from its fleet settings.
public enum ReplaySource {
    /// Reads or generates the scenario's trace, calling `progress` now and then with the work done and
    /// its total, in the unit ``work(of:)`` names.
    public static func trace(of scenario: Scenario, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Trace {
        switch scenario.source {
        case .trace(let path):
            return try TraceFile.read(path) { read, size in progress(read >> 20, max(1, size >> 20)) }
        case .generate(let settings):
            var generator = TraceGenerator(settings: settings)
            return try generator.generateTrace(file: "\(scenario.file) (generated)", progress: progress)
        }
    }

    /// What ``trace(of:progress:)`` does for `scenario`, and what its progress counts: reading MiB of
    /// the trace file, or generating hours of the fleet's trading.
    public static func work(of scenario: Scenario) -> (label: String, unit: String) {
        switch scenario.source {
        case .trace: ("reading the trace", "MiB")
        case .generate: ("generating the trace", "hours of trading")
        }
    }
}
