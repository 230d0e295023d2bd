/// What applying one event did.
public enum ApplyOutcome: Hashable, Sendable {
    /// The event had arrived before with the same content; nothing changed.
    case duplicate
    /// A purchase credited its points to the member.
    case credited
    /// A purchase without a participant: it earns nothing.
    case anonymous
    /// A purchase whose refund had already arrived: it earns nothing.
    case voided
    /// A refund took back its purchase's points.
    case reversed
    /// A refund with nothing to take back yet (its purchase has not arrived, was anonymous, or was already refunded).
    case refundRecorded
    /// A redemption was accepted.
    case redemptionAccepted
    /// A redemption was refused: the member's record showed no free drink available.
    case redemptionDenied
}
