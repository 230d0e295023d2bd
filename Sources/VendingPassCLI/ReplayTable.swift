import Foundation
import Simulation

/// The human form of replay reports: one column per strategy.
enum ReplayTable {
    static func render(_ reports: [ReplayReport], scenario: Scenario, trace: String) -> String {
        guard let first = reports.first else { return "" }
        var table = TextTable([.text("")] + reports.map { .number($0.strategy) })
        func row(_ name: String, _ value: (ReplayReport) -> String) { table.append([name] + reports.map(value)) }
        row("lost updates") { "\($0.lostUpdates)" }
        row("double credits") { "\($0.doubleCredits)" }
        row("lost reversals (refunds)") { "\($0.lostReversals)" }
        row("redemptions wrongly denied") { "\($0.redemptionsWronglyDenied)" }
        row("purchases credited") { "\($0.purchasesCredited)" }
        row("duplicates ignored") { "\($0.duplicatesIgnored)" }
        row("credit latency p50 (s)") { String(format: "%.1f", $0.creditLatencySeconds.p50) }
        row("credit latency p99 (s)") { String(format: "%.1f", $0.creditLatencySeconds.p99) }
        row("credit latency max (s)") { String(format: "%.1f", $0.creditLatencySeconds.max) }
        row("backend calls") { "\($0.backendCalls)" }
        row("state transitions") { "\($0.stateTransitions)" }
        row("Lambda invocations") { "\($0.lambdaInvocations)" }
        row("billed compute (s)") { String(format: "%.1f", Double($0.billedComputeMs) / 1_000) }
        row("cost (USD)") { String(format: "%.6f", $0.costUSD.total) }
        row("cost per million purchases (USD)") { String(format: "%.2f", $0.costPerMillionPurchasesUSD) }
        row("virtual time (s)") { String(format: "%.0f", $0.virtualSeconds) }
        row("wall time (s)") { String(format: "%.2f", $0.wallSeconds) }
        row("expectations") { $0.passed ? "passed" : "FAILED" }
        var lines = ["\(first.scenario): \(first.events) events from \(trace), seed \(first.seed)", "", table.rendered]
        for report in reports where !report.lostPurchases.isEmpty {
            lines.append("")
            lines.append("\(report.strategy) lost \(report.lostUpdates) updates, first:")
            lines += report.lostPurchases.map { "  \($0.purchase) of \($0.participant) at \($0.time)" }
        }
        for report in reports where !report.failedExpectations.isEmpty {
            lines.append("")
            lines += report.failedExpectations.map { "expectation failed: \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
