/// Applies events to a ``LedgerStore`` by the program's rules, one at a time in delivery order.
///
/// - A second delivery of an event is ignored; a different event under a used id is a ``LedgerConflict``.
/// - A purchase credits `pointsPerPurchase` to its participant, once; anonymous purchases earn nothing.
/// - A refund voids its purchase whichever arrives first: it reverses a credited purchase, or makes the
///   purchase earn nothing when it arrives later.
/// - A redemption is accepted when the member's record shows a free drink available at that moment.
public struct Bookkeeper<Store: LedgerStore> {
    /// The rules applied.
    public let rules: ProgramRules
    /// The store written to.
    public var store: Store

    /// Creates a bookkeeper over `store`.
    public init(rules: ProgramRules, store: Store) {
        self.rules = rules
        self.store = store
    }

    /// Applies one event and says what it did.
    public mutating func apply(_ event: LoyaltyEvent) throws -> ApplyOutcome {
        if let earlier = try store.arrivedEvent(event.id) {
            guard earlier == event else { throw LedgerConflict(earlier: earlier, later: event) }
            return .duplicate
        }
        switch event.kind {
        case .purchase(let purchase):
            let isVoided = try store.hasArrivedRefund(voiding: event.id)
            try store.recordArrival(of: event)
            guard let participant = purchase.participant else { return .anonymous }
            if isVoided {
                try post(.void, event: event, key: event.id, participant: participant, points: 0)
                return .voided
            }
            try post(.credit, event: event, key: event.id, participant: participant, points: rules.pointsPerPurchase)
            return .credited
        case .refund(let refund):
            let wasRefunded = try store.hasArrivedRefund(voiding: refund.purchase)
            let target = try store.arrivedEvent(refund.purchase)
            try store.recordArrival(of: event)
            guard !wasRefunded, let target, case .purchase(let purchase) = target.kind, let participant = purchase.participant else {
                return .refundRecorded
            }
            try post(.reversal, event: event, key: refund.purchase, participant: participant, points: -rules.pointsPerPurchase)
            return .reversed
        case .redemption(let redemption):
            try store.recordArrival(of: event)
            var balance = try currentBalance(of: redemption.participant, at: event.time)
            let accepted = balance.redeem(at: event.time)
            let entry = LedgerEntry(
                kind: accepted ? .redemption : .denial, event: event.id, key: event.id,
                participant: redemption.participant, points: 0, time: event.time
            )
            try store.post(entry, balance: balance)
            return accepted ? .redemptionAccepted : .redemptionDenied
        }
    }

    private mutating func post(_ kind: LedgerEntry.Kind, event: LoyaltyEvent, key: EventID, participant: ParticipantID, points: Int64) throws {
        var balance = try currentBalance(of: participant, at: event.time)
        balance.add(points: points, at: event.time, rules: rules)
        let entry = LedgerEntry(kind: kind, event: event.id, key: key, participant: participant, points: points, time: event.time)
        try store.post(entry, balance: balance)
    }

    private mutating func currentBalance(of participant: ParticipantID, at time: Timestamp) throws -> MemberBalance {
        try store.balance(of: participant) ?? MemberBalance(participant: participant, updatedAt: time)
    }
}

extension Bookkeeper: Sendable where Store: Sendable {}
