import Fleet
import Loyalty

/// The events a scenario replays: its trace file, or a trace generated from its fleet settings.
public enum ReplaySource {
    /// Reads or generates the scenario's trace.
    public static func trace(of scenario: Scenario) throws -> Trace {
        switch scenario.source {
        case .trace(let path):
            return try TraceFile.read(path)
        case .generate(let settings):
            var generator = TraceGenerator(settings: settings)
            return try generator.generateTrace(file: "\(scenario.file) (generated)")
        }
    }
}
