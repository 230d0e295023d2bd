/// One event of a purchase trace: a purchase, a refund or a redemption at a vending machine.
///
/// Two events with the same ``id`` are the same delivery when they are equal (`==`), and a
/// conflict when they are not.
public struct LoyaltyEvent: Hashable, Sendable {
    /// The idempotency key.
    public let id: EventID
    /// When the event happened, normalised to UTC milliseconds.
    public let time: Timestamp
    /// The machine where it happened.
    public let machine: MachineID
    /// What happened.
    public let kind: Kind

    /// Creates an event.
    public init(id: EventID, time: Timestamp, machine: MachineID, kind: Kind) {
        self.id = id
        self.time = time
        self.machine = machine
        self.kind = kind
    }

    /// What happened, with the fields that belong to each type.
    public enum Kind: Hashable, Sendable {
        case purchase(Purchase)
        case refund(Refund)
        case redemption(Redemption)
    }

    /// The event's type.
    public var type: EventType {
        switch kind {
        case .purchase: .purchase
        case .refund: .refund
        case .redemption: .redemption
        }
    }

    /// The member named by the event, if any.
    public var participant: ParticipantID? {
        switch kind {
        case .purchase(let purchase): purchase.participant
        case .refund(let refund): refund.participant
        case .redemption(let redemption): redemption.participant
        }
    }
}

/// A paid drink.
public struct Purchase: Hashable, Sendable {
    /// The member whose pass was read in the tap; nil for an anonymous card or phone without a pass.
    public let participant: ParticipantID?
    /// How it was paid.
    public let payment: Payment
    /// The product.
    public let product: ProductID
    /// The slot it was vended from.
    public let slot: SlotID
    /// The price paid.
    public let price: Money

    /// Creates a purchase.
    public init(participant: ParticipantID?, payment: Payment, product: ProductID, slot: SlotID, price: Money) {
        self.participant = participant
        self.payment = payment
        self.product = product
        self.slot = slot
        self.price = price
    }
}

/// A refund: the vend failed after payment, so the purchase it names is void.
public struct Refund: Hashable, Sendable {
    /// The member, when known; a refund of an anonymous purchase names none.
    public let participant: ParticipantID?
    /// The purchase this refund voids; it may arrive after the refund.
    public let purchase: EventID
    /// The amount returned: the whole price of the purchase.
    public let amount: Money
    /// The product, when the machine reports it.
    public let product: ProductID?
    /// The slot, when the machine reports it.
    public let slot: SlotID?

    /// Creates a refund.
    public init(participant: ParticipantID?, purchase: EventID, amount: Money, product: ProductID? = nil, slot: SlotID? = nil) {
        self.participant = participant
        self.purchase = purchase
        self.amount = amount
        self.product = product
        self.slot = slot
    }
}

/// A free drink taken with a reward.
public struct Redemption: Hashable, Sendable {
    /// The member redeeming.
    public let participant: ParticipantID
    /// The product.
    public let product: ProductID
    /// The slot it was vended from.
    public let slot: SlotID

    /// Creates a redemption.
    public init(participant: ParticipantID, product: ProductID, slot: SlotID) {
        self.participant = participant
        self.product = product
        self.slot = slot
    }
}
