/// The truth: every member's balance computed from a trace alone, as `CONTRACT.md` defines it.
///
/// ```swift
/// let truth = ReferenceLedger(trace: trace, rules: .standard)
/// truth.balances[participant]?.points
/// truth.outcome(of: purchase)  // .credited
/// ```
/// Later runs (the ingest path, the replay strategies) are judged against it.
public struct ReferenceLedger: Sendable {
    /// The rules applied.
    public let rules: ProgramRules
    /// What applying the trace did.
    public private(set) var tally = ApplyTally()
    /// The outcome of each event of the trace, in the trace's order: a byte each, where a dictionary by
    /// event id cost tens of bytes an event (tens of megabytes at the end of a large replay).
    private var outcomes: [ApplyOutcome] = []
    private var bookkeeper: Bookkeeper<InMemoryLedgerStore>

    /// Applies `trace` in delivery order.
    public init(trace: Trace, rules: ProgramRules) {
        self.rules = rules
        self.bookkeeper = Bookkeeper(rules: rules, store: InMemoryLedgerStore(expecting: trace.events))
        tally.countDuplicateLines(trace.duplicateLines)
        outcomes.reserveCapacity(trace.events.count)
        for event in trace.events {
            let outcome: ApplyOutcome
            do {
                outcome = try bookkeeper.apply(event)
            } catch {
                preconditionFailure("a Trace holds each id once and the in-memory store does not throw: \(error)")
            }
            tally.count(outcome)
            outcomes.append(outcome)
        }
    }

    /// What applying the event with this id did; nil for an id not in the trace.
    public func outcome(of id: EventID) -> ApplyOutcome? {
        bookkeeper.store.expectedPosition(of: id).map { outcomes[$0] }
    }

    /// Every member's true record.
    public var balances: [ParticipantID: MemberBalance] { bookkeeper.store.balances }

    /// Every ledger entry, in delivery order.
    public var entries: [LedgerEntry] { bookkeeper.store.entries }
}
