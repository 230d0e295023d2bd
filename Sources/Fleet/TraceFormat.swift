/// The formats `vendingpass generate` writes.
public enum TraceFormat: String, CaseIterable, Sendable {
    /// JSON Lines, the contract's trace format.
    case jsonl
    /// Comma-separated values with a header line, the same fields in the same order.
    case csv

    static let csvHeader = Array("id,type,time,machine,participant,payment,sku,slot,amount,currency,purchase\n".utf8)
}
