import Loyalty

/// One event as the generator produces it: indexes into the fleet rather than strings, so that a
/// year of a large fleet streams without allocating.
struct GeneratedEvent: Comparable {
    enum Kind: UInt8 {
        case purchase, refund, redemption
    }

    let time: Int64
    /// Breaks ties between events at the same millisecond, in the order they were generated.
    let order: Int64
    let kind: Kind
    let machine: Int32
    let session: Int32
    /// The member, or -1 for an anonymous tap.
    let member: Int32
    let applePay: Bool
    let slot: UInt8
    let product: UInt8

    /// How a purchase was paid: a member's phone by Apple Pay or Google Pay, an anonymous tap by card.
    var payment: Payment {
        member < 0 ? .card : applePay ? .applePay : .googlePay
    }

    static func < (lhs: GeneratedEvent, rhs: GeneratedEvent) -> Bool {
        (lhs.time, lhs.order) < (rhs.time, rhs.order)
    }

    static func == (lhs: GeneratedEvent, rhs: GeneratedEvent) -> Bool {
        lhs.time == rhs.time && lhs.order == rhs.order
    }
}
