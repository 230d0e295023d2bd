/// The `type` of a trace event.
public enum EventType: String, CaseIterable, Hashable, Sendable {
    /// A paid drink; earns points when a participant is identified.
    case purchase
    /// The vend failed after payment: the named purchase is void.
    case refund
    /// A free drink taken with a reward.
    case redemption

    /// Parses a trace's `type` field.
    public init(validating text: String) throws(FieldProblem) {
        guard let type = EventType(rawValue: text) else {
            throw FieldProblem("'\(text)' is not an event type; use purchase, refund or redemption")
        }
        self = type
    }
}
