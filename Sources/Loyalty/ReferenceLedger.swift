/// The truth: every member's balance computed from a trace alone, as `CONTRACT.md` defines it.
///
/// ```swift
/// let truth = ReferenceLedger(trace: trace, rules: .standard)
/// truth.balances[participant]?.points
/// ```
/// Later runs (the ingest path, the replay strategies) are judged against it.
public struct ReferenceLedger: Sendable {
    /// The rules applied.
    public let rules: ProgramRules
    /// What applying the trace did.
    public private(set) var tally = ApplyTally()
    /// The outcome of each event of the trace, by event id.
    public private(set) var outcomes: [EventID: ApplyOutcome] = [:]
    private var bookkeeper: Bookkeeper<InMemoryLedgerStore>

    /// Applies `trace` in delivery order.
    public init(trace: Trace, rules: ProgramRules) {
        self.rules = rules
        self.bookkeeper = Bookkeeper(rules: rules, store: InMemoryLedgerStore(expecting: trace.events))
        tally.countDuplicateLines(trace.duplicateLines)
        for event in trace.events {
            let outcome: ApplyOutcome
            do {
                outcome = try bookkeeper.apply(event)
            } catch {
                preconditionFailure("a Trace holds each id once and the in-memory store does not throw: \(error)")
            }
            tally.count(outcome)
            outcomes[event.id] = outcome
        }
    }

    /// Every member's true record.
    public var balances: [ParticipantID: MemberBalance] { bookkeeper.store.balances }

    /// Every ledger entry, in delivery order.
    public var entries: [LedgerEntry] { bookkeeper.store.entries }
}
