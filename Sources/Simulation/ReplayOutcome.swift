import Histogram
import Loyalty
import Storage

/// The comparison of the backend's member records with the reference ledger, at the end of a replay.
struct ReplayOutcome {
    let purchasesCredited: Int
    let lostUpdates: Int
    let doubleCredits: Int
    let lostReversals: Int
    let redemptionsWronglyDenied: Int
    let latency: ReplayReport.Latency
    let lostPurchases: [ReplayReport.LostPurchase]

    static let namedLostPurchases = 5

    init(trace: Trace, rules: ProgramRules, ledger: BackendLedger) throws {
        let truth = ReferenceLedger(trace: trace, rules: rules)
        let records = try ledger.records()
        let credits = try ledger.credits()
        let perPurchase = rules.pointsPerPurchase
        var credited = 0
        var lost = 0
        var excess = 0
        var shortMembers: Set<ParticipantID> = []
        for participant in Set(truth.balances.keys).union(records.keys) {
            let truePoints = truth.balances[participant]?.points ?? 0
            let recordPoints = records[participant]?.balance.points ?? 0
            credited += Int(min(truePoints, recordPoints) / perPurchase)
            if truePoints > recordPoints {
                lost += Int((truePoints - recordPoints) / perPurchase)
                shortMembers.insert(participant)
            }
            excess += Int(max(0, recordPoints - truePoints) / perPurchase)
        }
        purchasesCredited = credited
        lostUpdates = lost
        doubleCredits = credits.reduce(0) { $0 + max(0, $1.entries - 1) }
        lostReversals = excess

        let backendCredit = Dictionary(credits.map { ($0.purchase, $0) }, uniquingKeysWith: { first, _ in first })
        let reversed = Set(truth.entries.filter { $0.kind == .reversal }.map(\.key))
        let missing = truth.entries.filter { entry in
            guard entry.kind == .credit, !reversed.contains(entry.key), shortMembers.contains(entry.participant) else { return false }
            guard let asOf = records[entry.participant]?.asOf, let visible = backendCredit[entry.key]?.visibleAt else { return true }
            return visible > asOf
        }
        lostPurchases = missing.sorted { ($0.time, $0.key) < ($1.time, $1.key) }.prefix(Self.namedLostPurchases).map {
            ReplayReport.LostPurchase(purchase: $0.key.rawValue, participant: $0.participant.rawValue, time: $0.time.rfc3339)
        }

        let denied = try ledger.deniedRedemptions()
        redemptionsWronglyDenied = denied.filter { truth.outcomes[$0] == .redemptionAccepted }.count

        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        var count = 0
        var longest: UInt64 = 0
        for credit in credits {
            guard let shown = credit.shownAt else { continue }
            let milliseconds = UInt64(max(0, shown.millisecondsSinceEpoch - credit.time.millisecondsSinceEpoch))
            _ = histogram.record(milliseconds)
            longest = max(longest, milliseconds)
            count += 1
        }
        func seconds(_ percentile: Double) -> Double {
            count == 0 ? 0 : Replay.round(Double(histogram.valueAtPercentile(percentile)) / 1_000, 3)
        }
        latency = ReplayReport.Latency(p50: seconds(50), p90: seconds(90), p99: seconds(99), max: Double(longest) / 1_000)
    }
}
