/// How often each outcome of a tap happens: the knobs of `vendingpass generate` and of `generate:` in scenarios.
public struct OutcomeRates: Hashable, Sendable {
    /// Taps by contactless cards or phones without a pass: they pay but earn nothing.
    public var anonymous: Double = 0.3
    /// Among identified members, the share paying with Apple Pay (the rest use Google Pay).
    public var applePay: Double = 0.55
    /// Payments the card network declines: no purchase event.
    public var denied: Double = 0.02
    /// Vends that fail after the payment was approved: a purchase, then a refund voiding it.
    public var vendFailure: Double = 0.01
    /// When a member's app shows a free drink, the chance that this tap takes it.
    public var redemption: Double = 0.6
    /// When the chosen slot is sold out, the chance that the customer walks away instead of choosing another.
    public var walkAwayWhenSoldOut: Double = 0.4

    /// The defaults.
    public init() {}

    /// Why the rates are unusable, or nil when every rate is a probability.
    public var problem: String? {
        let rates = [("anonymous", anonymous), ("applePay", applePay), ("denied", denied), ("vendFailure", vendFailure),
                     ("redemption", redemption), ("walkAwayWhenSoldOut", walkAwayWhenSoldOut)]
        for (name, value) in rates where !(0...1).contains(value) {
            return "\(name) is \(value); rates are between 0 and 1"
        }
        return nil
    }
}
