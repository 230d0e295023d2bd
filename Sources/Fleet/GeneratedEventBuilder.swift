import Loyalty

/// Builds the ``Loyalty/LoyaltyEvent`` of a generated event directly: field for field the event that
/// parsing its line from ``TraceEncoder`` gives, without writing the line and parsing it back.
struct GeneratedEventBuilder {
    private let machines: [MachineID]
    private let members: [ParticipantID]
    private let products: [ProductID]
    private let prices: [Money]
    private let slots: [SlotID]

    /// A builder for the fleet's machines and members.
    ///
    /// - Throws: ``Loyalty/FieldProblem`` if a catalog price is not an amount (never, for the catalog as it is).
    init(fleet: Fleet) throws(FieldProblem) {
        machines = fleet.machineIDs.map { MachineID(trusted: String(decoding: $0, as: UTF8.self)) }
        members = fleet.memberIDs.map { ParticipantID(trusted: String(decoding: $0, as: UTF8.self)) }
        products = Catalog.products.map { ProductID(trusted: String(decoding: $0.sku, as: UTF8.self)) }
        let dollars = try Currency(code: "USD")
        var prices: [Money] = []
        for product in Catalog.products { prices.append(try Money(minorUnits: Int64(product.price), currency: dollars)) }
        self.prices = prices
        slots = Fleet.slotNames.map { SlotID(trusted: String(decoding: $0, as: UTF8.self)) }
    }

    /// The event as its line in the trace would read.
    func event(_ generated: GeneratedEvent) -> LoyaltyEvent {
        let machine = machines[Int(generated.machine)]
        let session = id(of: generated, machine: machine)
        let member = generated.member >= 0 ? members[Int(generated.member)] : nil
        let product = products[Int(generated.product)]
        let price = prices[Int(generated.product)]
        let time = Timestamp(millisecondsSinceEpoch: generated.time)
        switch generated.kind {
        case .purchase:
            let purchase = Purchase(participant: member, payment: generated.payment, product: product, slot: slots[Int(generated.slot)], price: price)
            return LoyaltyEvent(id: session, time: time, machine: machine, kind: .purchase(purchase))
        case .refund:
            let refund = Refund(participant: member, purchase: session, amount: price)
            return LoyaltyEvent(id: EventID(trusted: session.rawValue + "-r"), time: time, machine: machine, kind: .refund(refund))
        case .redemption:
            guard let member else { preconditionFailure("the generator emits redemptions for members only") }
            let redemption = Redemption(participant: member, product: product, slot: slots[Int(generated.slot)])
            return LoyaltyEvent(id: session, time: time, machine: machine, kind: .redemption(redemption))
        }
    }

    /// `VM-00042-0000123`: the machine, then the session's number in at least seven digits.
    private func id(of generated: GeneratedEvent, machine: MachineID) -> EventID {
        let number = String(generated.session)
        return EventID(trusted: machine.rawValue + "-" + String(repeating: "0", count: max(0, 7 - number.count)) + number)
    }
}
