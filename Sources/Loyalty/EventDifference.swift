/// Names the fields in which two events with the same id differ, for conflict messages.
public enum EventDifference {
    /// The differing fields as a readable list, such as `"amount" and "currency"`.
    public static func fields(between first: LoyaltyEvent, and second: LoyaltyEvent) -> String {
        let a = fieldValues(first)
        let b = fieldValues(second)
        let names = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        let quoted = names.map { "\"\($0)\"" }
        switch quoted.count {
        case 0: return "no fields"
        case 1: return "field \(quoted[0])"
        default: return "fields " + quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        }
    }

    private static func fieldValues(_ event: LoyaltyEvent) -> [String: String] {
        var values = ["type": event.type.rawValue, "time": event.time.rfc3339, "machine": event.machine.rawValue]
        values["participant"] = event.participant?.rawValue
        switch event.kind {
        case .purchase(let purchase):
            values["payment"] = purchase.payment.rawValue
            values["sku"] = purchase.product.rawValue
            values["slot"] = purchase.slot.rawValue
            values["amount"] = String(purchase.price.minorUnits)
            values["currency"] = purchase.price.currency.code
        case .refund(let refund):
            values["purchase"] = refund.purchase.rawValue
            values["sku"] = refund.product?.rawValue
            values["slot"] = refund.slot?.rawValue
            values["amount"] = String(refund.amount.minorUnits)
            values["currency"] = refund.amount.currency.code
        case .redemption(let redemption):
            values["sku"] = redemption.product.rawValue
            values["slot"] = redemption.slot.rawValue
        }
        return values
    }
}
