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

    /// Compares the backend's records, in the ledgers of every shard of the replay, with the truth of
    /// `trace`. The reference ledger is dropped before the backend's credits are read, so the two (each as
    /// large as the trace's purchases) are never held at once: this is the replay's peak of memory.
    init(trace: Trace, rules: ProgramRules, ledgers: [BackendLedger]) throws {
        var records: [ParticipantID: BackendLedger.Record] = [:]
        var denied: Set<EventID> = []
        for ledger in ledgers {
            records.merge(try ledger.records()) { first, _ in first }
            denied.formUnion(try ledger.deniedRedemptions())
        }
        let truth = Comparison(trace: trace, rules: rules, records: records, denied: denied)
        purchasesCredited = truth.credited
        lostUpdates = truth.lost
        lostReversals = truth.excess
        redemptionsWronglyDenied = truth.wronglyDenied

        let credits = try Self.credits(in: ledgers)
        doubleCredits = credits.reduce(0) { $0 + max(0, $1.entries - 1) }
        let candidateKeys = Set(truth.candidates.map(\.key))
        var visibleAt: [EventID: Timestamp] = [:]
        for credit in credits where candidateKeys.contains(credit.purchase) { visibleAt[credit.purchase] = credit.visibleAt }
        let missing = truth.candidates.filter { entry in
            guard let asOf = records[entry.participant]?.asOf, let visible = visibleAt[entry.key] else { return true }
            return visible > asOf
        }
        lostPurchases = missing.sorted { ($0.time, $0.key) < ($1.time, $1.key) }.prefix(Self.namedLostPurchases).map {
            ReplayReport.LostPurchase(purchase: $0.key.rawValue, participant: $0.participant.rawValue, time: $0.time.rfc3339)
        }

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

extension ReplayOutcome {
    /// Every shard's credits, in time order (each shard's already are).
    private static func credits(in ledgers: [BackendLedger]) throws -> [BackendLedger.Credit] {
        guard ledgers.count > 1 else { return try ledgers.first?.credits() ?? [] }
        var credits = try ledgers.flatMap { try $0.credits() }
        credits.sort { ($0.time, $0.purchase) < ($1.time, $1.purchase) }
        return credits
    }

    /// What the reference ledger says about the backend's member records; only this summary outlives it.
    struct Comparison {
        var credited = 0
        var lost = 0
        var excess = 0
        var wronglyDenied = 0
        /// Credits, not reversed, of members whose record shows fewer points than the truth: the
        /// purchases that may have been lost.
        var candidates: [LedgerEntry] = []

        init(trace: Trace, rules: ProgramRules, records: [ParticipantID: BackendLedger.Record], denied: Set<EventID>) {
            let truth = ReferenceLedger(trace: trace, rules: rules)
            let perPurchase = rules.pointsPerPurchase
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
            if !shortMembers.isEmpty {
                let reversed = Set(truth.entries.filter { $0.kind == .reversal }.map(\.key))
                candidates = truth.entries.filter { entry in
                    entry.kind == .credit && !reversed.contains(entry.key) && shortMembers.contains(entry.participant)
                }
            }
            wronglyDenied = denied.count { truth.outcome(of: $0) == .redemptionAccepted }
        }
    }
}
