import JSON

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

    /// The event as the JSON object its line holds, member for member in the same order: what a
    /// workflow execution started for the event takes as input, without writing the line and parsing it.
    public var jsonObject: JSONObject {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id.rawValue)), ("type", .string(type.rawValue)), ("time", .string(time.rfc3339)), ("machine", .string(machine.rawValue)),
        ]
        switch kind {
        case .purchase(let purchase):
            if let participant = purchase.participant { members.append(("participant", .string(participant.rawValue))) }
            members += [("payment", .string(purchase.payment.rawValue)), ("sku", .string(purchase.product.rawValue)), ("slot", .string(purchase.slot.rawValue))]
            members += Self.moneyMembers(purchase.price)
        case .refund(let refund):
            if let participant = refund.participant { members.append(("participant", .string(participant.rawValue))) }
            members.append(("purchase", .string(refund.purchase.rawValue)))
            if let product = refund.product { members.append(("sku", .string(product.rawValue))) }
            if let slot = refund.slot { members.append(("slot", .string(slot.rawValue))) }
            members += Self.moneyMembers(refund.amount)
        case .redemption(let redemption):
            members += [
                ("participant", .string(redemption.participant.rawValue)), ("sku", .string(redemption.product.rawValue)),
                ("slot", .string(redemption.slot.rawValue)),
            ]
        }
        return JSONObject(uniqueMembers: members)
    }

    private static func moneyMembers(_ money: Money) -> [(key: String, value: JSONValue)] {
        [("amount", .number(Double(money.minorUnits))), ("currency", .string(money.currency.code))]
    }
}
