/// An amount in integer minor units of a currency: `Money(minorUnits: 250, currency: USD)` is $2.50.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units (cents for USD); never negative.
    public let minorUnits: Int64
    /// The currency.
    public let currency: Currency

    /// Creates an amount, refusing negative values.
    public init(minorUnits: Int64, currency: Currency) throws(FieldProblem) {
        guard minorUnits >= 0 else { throw FieldProblem("is \(minorUnits); amounts are minor units and must not be negative") }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The amount written with its decimal point and code: `2.50 USD`, `300 JPY`.
    public var description: String {
        let digits = currency.minorUnitDigits
        guard digits > 0 else { return "\(minorUnits) \(currency.code)" }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = String(minorUnits % scale)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return "\(minorUnits / scale).\(padded) \(currency.code)"
    }
}
