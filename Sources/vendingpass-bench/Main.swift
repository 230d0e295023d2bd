import Foundation

/// `vendingpass-bench`: the project's benchmarks, run in release mode (see BENCHMARKS.md).
///
///     swift run -c release vendingpass-bench engine [executions] [memory|sqlite|sqlite-one-run] [burst|steady] [events per commit] [xRUNS]
///
/// `x5` runs the engine benchmark five times and ends with the median and the range: this machine's
/// figures vary by a fifth from one run to the next, so one run says little. (Resident memory is the
/// process's: after the first run it includes what the allocator kept from earlier runs.)
@main
struct Main {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "engine":
            let executions = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
            let mode = EngineBenchmark.Mode(rawValue: arguments.count > 2 ? arguments[2] : "sqlite") ?? .sqlite
            let options = arguments.dropFirst(3)
            let arrivals = options.compactMap(EngineBenchmark.Arrivals.init(rawValue:)).first ?? .burst
            let batch = options.compactMap { Int($0) }.first ?? 50_000
            let runs = options.compactMap { $0.hasPrefix("x") ? Int($0.dropFirst()) : nil }.first ?? 1
            var rates: [Double] = []
            for _ in 0..<max(1, runs) {
                let result = try await EngineBenchmark.run(
                    executions: executions, mode: mode, arrivals: arrivals, path: "/tmp/vendingpass-bench.sqlite", window: 10_000, batch: batch
                )
                rates.append(Double(result.transitions) / result.seconds)
                print(String(format: "engine %@, %@ arrivals: %d executions, %d transitions in %.2f s: %.0f executions/s, %.0f transitions/s, %.0f µs of processor time per execution (all threads; busiest threads %@ s), %d commits, %.0f MiB resident",
                    mode.rawValue, arrivals.rawValue, result.executions, result.transitions, result.seconds, Double(result.executions) / result.seconds,
                    rates.last!, result.processorSeconds / Double(result.executions) * 1e6,
                    result.busiestThreads.map { String(format: "%.2f", $0) }.joined(separator: ", "), result.commits, result.residentMegabytes))
            }
            if rates.count > 1 {
                let sorted = rates.sorted()
                print(String(format: "engine %@, %@ arrivals, %d runs: median %.0f transitions/s (%.0f–%.0f)", mode.rawValue, arrivals.rawValue,
                    rates.count, sorted[sorted.count / 2], sorted.first!, sorted.last!))
            }
        case "clock":
            let jobs = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
            let sleeps = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
            let seconds = await ClockBenchmark.run(jobs: jobs, sleeps: sleeps)
            print(String(format: "virtual clock: %d jobs sleeping %d times each in %.2f s: %.0f jobs/s, %.0f items/s", jobs, sleeps, seconds,
                Double(jobs) / seconds, Double(jobs * (sleeps + 1)) / seconds))
        case "waiting":
            let executions = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
            print(try await WaitingBenchmark.run(executions: executions, path: "/tmp/vendingpass-waiting.sqlite"))
        case "asl" where arguments.count > 1:
            print(try await DefinitionBenchmark.run(path: arguments[1], executions: arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000))
        case "generate":
            let machines = arguments.count > 1 ? Int(arguments[1]) ?? 1_000 : 1_000
            let days = arguments.count > 2 ? Int(arguments[2]) ?? 7 : 7
            let path = arguments.count > 3 ? arguments[3] : "/tmp/vendingpass-generate.jsonl"
            print(try GenerateBenchmark.run(machines: machines, days: days, path: path))
        case "store":
            print(try StoreBenchmark.run(executions: 20_000, path: "/tmp/vendingpass-store-bench.sqlite"))
        case "json":
            print(try await JSONBenchmark.run(iterations: 20_000))
        default:
            print("""
                usage: vendingpass-bench engine [executions] [memory|sqlite|sqlite-one-run] [burst|steady] [events per commit] [xRUNS]
                       vendingpass-bench waiting [executions]
                       vendingpass-bench asl FILE [executions]
                       vendingpass-bench generate [machines] [days] [file]
                       vendingpass-bench clock [jobs] [sleeps per job] | store | json
                """)
        }
    }
}
