import Loyalty

/// One ledger entry as `participants history` prints it, with the member's points after it.
struct HistoryEntryJSON: Encodable {
    let time: String
    let kind: String
    let event: String
    let purchase: String?
    let points: Int64
    let pointsAfter: Int64

    /// The entries with a running total of points.
    static func entries(_ history: [LedgerEntry]) -> [HistoryEntryJSON] {
        var total: Int64 = 0
        return history.map { entry in
            total += entry.points
            let namesPurchase = [.credit, .reversal, .void].contains(entry.kind)
            return HistoryEntryJSON(
                time: entry.time.rfc3339, kind: entry.kind.rawValue, event: entry.event.rawValue,
                purchase: namesPurchase ? entry.key.rawValue : nil, points: entry.points, pointsAfter: total
            )
        }
    }

    /// The aligned table of `participants history`.
    static func table(_ history: [LedgerEntry]) -> String {
        var table = TextTable([.text("TIME"), .text("KIND"), .text("EVENT"), .text("PURCHASE"), .number("POINTS"), .number("TOTAL")])
        for entry in entries(history) {
            let points = entry.points > 0 ? "+\(entry.points)" : "\(entry.points)"
            table.append([entry.time, entry.kind, entry.event, entry.purchase ?? "", points, "\(entry.pointsAfter)"])
        }
        return table.rendered
    }
}
