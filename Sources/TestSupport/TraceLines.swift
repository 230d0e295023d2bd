import Loyalty

/// Builds trace lines for tests, filling the fields a test does not care about.
///
/// ```swift
/// let trace = try Trace.parse(TraceLines.join([
///     TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00"),
///     TraceLines.refund("e-2", of: "e-1", by: "vp-1", at: "08:00:07"),
/// ]))
/// ```
public enum TraceLines {
    /// The day every time of day is on.
    public static let day = "2026-11-24"

    /// A purchase line; `by: nil` makes it anonymous.
    public static func purchase(
        _ id: String, by participant: String?, at time: String, machine: String = "VM-0001", amount: Int = 250, currency: String = "USD"
    ) -> String {
        let who = participant.map { #","participant":"\#($0)""# } ?? ""
        let payment = participant == nil ? "card" : "apple_pay"
        return #"{"id":"\#(id)","type":"purchase","time":"\#(day)T\#(time)Z","machine":"\#(machine)"\#(who),"payment":"\#(payment)","sku":"coke-355","slot":"A3","amount":\#(amount),"currency":"\#(currency)"}"#
    }

    /// A refund line voiding `purchase`.
    public static func refund(_ id: String, of purchase: String, by participant: String?, at time: String, amount: Int = 250) -> String {
        let who = participant.map { #","participant":"\#($0)""# } ?? ""
        return #"{"id":"\#(id)","type":"refund","time":"\#(day)T\#(time)Z","machine":"VM-0001"\#(who),"purchase":"\#(purchase)","amount":\#(amount),"currency":"USD"}"#
    }

    /// A redemption line.
    public static func redemption(_ id: String, by participant: String, at time: String) -> String {
        #"{"id":"\#(id)","type":"redemption","time":"\#(day)T\#(time)Z","machine":"VM-0001","participant":"\#(participant)","sku":"coke-355","slot":"B1"}"#
    }

    /// The lines as one trace text.
    public static func join(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }

    /// A time of day `seconds` after 08:00:00, for generated traces.
    public static func time(secondsAfterEight seconds: Int) -> String {
        let total = 8 * 3600 + seconds
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(total / 3600)):\(two(total / 60 % 60)):\(two(total % 60))"
    }
}
