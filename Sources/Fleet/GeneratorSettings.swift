import Loyalty

/// What to generate: the fleet's size, how long, from when, from which seed, with which outcome rates.
public struct GeneratorSettings: Hashable, Sendable {
    public var machines = 20
    public var participants = 200
    public var days = 1
    /// The first instant of the trace. The default is a Monday at midnight UTC, so a seed alone fixes the trace.
    public var start = Timestamp(millisecondsSinceEpoch: 1_795_392_000_000)
    public var seed: UInt64 = 42
    public var rates = OutcomeRates()
    /// The loyalty program's rules, which decide when a member's app shows a free drink.
    public var rules = ProgramRules.standard

    /// The defaults: 20 machines, 200 members, one day.
    public init() {}

    /// Why the settings are unusable, or nil.
    public var problem: String? {
        if machines < 1 { return "machines is \(machines); a fleet needs at least 1 machine" }
        if machines > 999_999 { return "machines is \(machines); at most 999,999 are supported" }
        if participants < 0 { return "participants is \(participants); it cannot be negative" }
        if days < 1 { return "days is \(days); generate at least 1 day" }
        return rates.problem
    }
}
