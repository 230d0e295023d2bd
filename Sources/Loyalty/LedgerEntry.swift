/// One line of a member's ledger: what an event did to the member's balance.
public struct LedgerEntry: Hashable, Sendable {
    /// What kind of change the entry records.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// A purchase credited its points. At most one per purchase.
        case credit
        /// A refund took back a credited purchase's points. At most one per purchase.
        case reversal
        /// A purchase arrived after the refund that voids it, so it earned nothing.
        case void
        /// A free drink was taken.
        case redemption
        /// A redemption was refused because no free drink was available.
        case denial
    }

    /// The kind of change.
    public let kind: Kind
    /// The event that caused the entry (the refund, for a reversal).
    public let event: EventID
    /// The entry's unique key within its kind: the purchase for credit, reversal and void; the redemption otherwise.
    public let key: EventID
    /// The member.
    public let participant: ParticipantID
    /// Points added (negative for a reversal).
    public let points: Int64
    /// When the causing event happened.
    public let time: Timestamp

    /// Creates an entry.
    public init(kind: Kind, event: EventID, key: EventID, participant: ParticipantID, points: Int64, time: Timestamp) {
        self.kind = kind
        self.event = event
        self.key = key
        self.participant = participant
        self.points = points
        self.time = time
    }
}
