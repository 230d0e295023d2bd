/// How a purchase was paid at the machine's NFC reader.
public enum Payment: String, CaseIterable, Hashable, Sendable {
    /// Apple Pay; the pass is read in the same tap through Apple VAS.
    case applePay = "apple_pay"
    /// Google Pay; the pass is read in the same tap through Google Smart Tap.
    case googlePay = "google_pay"
    /// A contactless card, or a phone without a pass.
    case card

    /// Parses a trace's `payment` field.
    public init(validating text: String) throws(FieldProblem) {
        guard let payment = Payment(rawValue: text) else {
            throw FieldProblem("'\(text)' is not a payment method; use apple_pay, google_pay or card")
        }
        self = payment
    }
}
