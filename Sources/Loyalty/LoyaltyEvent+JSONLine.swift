extension LoyaltyEvent {
    /// The event as one line of the trace format, without the newline, in the contract's field order
    /// and with the time in UTC milliseconds. Equal events give equal lines, so the line is also the
    /// canonical content stored to recognise duplicate deliveries.
    ///
    /// Every field's characters are restricted to ones that JSON does not escape, so the line is built directly.
    public var jsonLine: String {
        var line = "{\"id\":\"\(id.rawValue)\",\"type\":\"\(type.rawValue)\",\"time\":\"\(time.rfc3339)\",\"machine\":\"\(machine.rawValue)\""
        switch kind {
        case .purchase(let purchase):
            if let participant = purchase.participant { line += ",\"participant\":\"\(participant.rawValue)\"" }
            line += ",\"payment\":\"\(purchase.payment.rawValue)\",\"sku\":\"\(purchase.product.rawValue)\",\"slot\":\"\(purchase.slot.rawValue)\""
            line += Self.money(purchase.price)
        case .refund(let refund):
            if let participant = refund.participant { line += ",\"participant\":\"\(participant.rawValue)\"" }
            line += ",\"purchase\":\"\(refund.purchase.rawValue)\""
            if let product = refund.product { line += ",\"sku\":\"\(product.rawValue)\"" }
            if let slot = refund.slot { line += ",\"slot\":\"\(slot.rawValue)\"" }
            line += Self.money(refund.amount)
        case .redemption(let redemption):
            line += ",\"participant\":\"\(redemption.participant.rawValue)\",\"sku\":\"\(redemption.product.rawValue)\",\"slot\":\"\(redemption.slot.rawValue)\""
        }
        return line + "}"
    }

    private static func money(_ money: Money) -> String {
        ",\"amount\":\(money.minorUnits),\"currency\":\"\(money.currency.code)\""
    }
}
