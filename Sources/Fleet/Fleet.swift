import Determinism
import Foundation

/// The simulated fleet: sites, their machines and planograms, and the members who tap at them, all
/// drawn from one seed.
///
/// Slots are kept in flat arrays (`slotsPerMachine` per machine), and every weighted choice in alias
/// segments, so that serving a customer copies nothing.
struct Fleet {
    static let slotsPerMachine = 20
    static let slotNames: [[UInt8]] = ["A", "B", "C", "D"].flatMap { row in (1...5).map { Array("\(row)\($0)".utf8) } }

    var machines: [VendingMachine]
    let machineIDs: [[UInt8]]
    let memberIDs: [[UInt8]]
    /// Sales per millisecond by machine, 24 weekday hours then 24 weekend hours.
    let rates: [Double]
    /// Per slot (machine × slotsPerMachine + slot): the product, the capacity and the stock.
    let slotProduct: [Int]
    let slotCapacity: [Int]
    var slotStock: [Int]
    /// One segment per machine: which slot a customer picks.
    let slotChoice: AliasSegments
    /// One segment per site: which of the site's members taps (``siteMembers`` maps the draw to a member).
    let siteChoice: AliasSegments
    let siteMemberStarts: [Int]
    let siteMembers: [Int32]
    /// A single segment over every member, weighted by activity, for taps away from home.
    let visitorChoice: AliasSegments
    /// Drinks each member buys in a day at most (1 to 6, by activity).
    let dailyBudget: [UInt8]

    init(settings: GeneratorSettings, random: inout SeededGenerator) {
        var kinds: [SiteKind] = []
        var machineSites: [Int] = []
        var remaining = settings.machines
        while remaining > 0 {
            let size = min(remaining, Int.random(in: 1...4, using: &random))
            let draw = Double.random(in: 0..<1, using: &random)
            var cumulative = 0.0
            var kind = SiteKind.office
            for candidate in SiteKind.allCases {
                cumulative += candidate.share
                if draw < cumulative {
                    kind = candidate
                    break
                }
            }
            machineSites += Array(repeating: kinds.count, count: size)
            kinds.append(kind)
            remaining -= size
        }

        let activity = (0..<settings.participants).map { _ in Self.heavyTailed(&random) }
        var siteTraffic = AliasSegments()
        siteTraffic.append(weights: kinds.map(\.salesPerWeekday))
        var homes: [[Int32]] = Array(repeating: [], count: kinds.count)
        for member in 0..<settings.participants {
            homes[siteTraffic.draw(from: 0, using: &random) ?? 0].append(Int32(member))
        }
        var siteChoice = AliasSegments()
        var starts: [Int] = []
        var members: [Int32] = []
        for home in homes {
            starts.append(members.count)
            members += home
            siteChoice.append(weights: home.map { activity[Int($0)] })
        }
        self.siteChoice = siteChoice
        siteMemberStarts = starts
        siteMembers = members
        var visitors = AliasSegments()
        visitors.append(weights: activity)
        visitorChoice = visitors
        dailyBudget = activity.map { UInt8(min(6, max(1, ($0 * 1.5).rounded()))) }
        memberIDs = Self.memberIDs(count: settings.participants, seed: settings.seed)

        var machines: [VendingMachine] = []
        var rates: [Double] = []
        var products: [Int] = []
        var capacities: [Int] = []
        var slotChoice = AliasSegments()
        for site in machineSites {
            let kind = kinds[site]
            let busyness = exp(Double.random(in: -0.5...0.5, using: &random))
            machines.append(VendingMachine(site: site, kind: kind, busyness: busyness))
            for weekend in [false, true] {
                let factor = weekend ? kind.weekendFactor : 1
                rates += kind.hourly.map { kind.salesPerWeekday * busyness * factor * $0 / kind.hourlyTotal / 3_600_000 }
            }
            var catalog = Array(Catalog.products.indices)
            catalog.shuffle(using: &random)
            var appeal: [Double] = []
            for slot in 0..<Self.slotsPerMachine {
                let product = catalog[slot % catalog.count]
                products.append(product)
                capacities.append(Int.random(in: 8...12, using: &random))
                appeal.append((product < 3 ? 2.0 : 1.0) * Double.random(in: 0.6...1.4, using: &random))
            }
            slotChoice.append(weights: appeal)
        }
        self.machines = machines
        self.rates = rates
        slotProduct = products
        slotCapacity = capacities
        slotStock = capacities
        self.slotChoice = slotChoice
        machineIDs = machines.indices.map { index in
            let number = String(index + 1)
            return Array(("VM-" + String(repeating: "0", count: max(0, 5 - number.count)) + number).utf8)
        }
    }

    /// Activity of one member: log-normal, so a few loyal heavy users and many occasional ones.
    private static func heavyTailed(_ random: inout SeededGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let u2 = Double.random(in: 0..<1, using: &random)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return exp(1.3 * normal)
    }

    /// Distinct Vending Pass ids `vp-xxxxxx`: the index through a bijection of the 24-bit space.
    private static func memberIDs(count: Int, seed: UInt64) -> [[UInt8]] {
        let offset = seed & 0xFF_FFFF
        let hex = Array("0123456789abcdef".utf8)
        return (0..<count).map { index in
            let value = (UInt64(index) &* 0x9E_3779 &+ offset) & 0xFF_FFFF
            return Array("vp-".utf8) + (0..<6).reversed().map { hex[Int((value >> (4 * UInt64($0))) & 0xF)] }
        }
    }

    /// Sales per millisecond at `time` for `machine`, by the hour of day and the day of the week.
    func rate(of machine: Int, at time: Int64) -> Double {
        let day = time >= 0 ? time / 86_400_000 : (time - 86_399_999) / 86_400_000
        let hour = Int((time - day * 86_400_000) / 3_600_000)
        let weekend = (day + 3) % 7 >= 5
        return rates[machine * 48 + (weekend ? 24 : 0) + hour]
    }

    /// The customers the fleet expects between `start` and `end`, summed hour by hour over every machine:
    /// about a tenth more than the events their sessions produce (declined and abandoned sessions leave none).
    func expectedSessions(from start: Int64, to end: Int64) -> Int {
        var sessions = 0.0
        var hour = start
        while hour < end {
            let length = Double(min(end, hour + 3_600_000) - hour)
            for machine in machines.indices { sessions += rate(of: machine, at: hour) * length }
            hour += 3_600_000
        }
        return Int(sessions.rounded(.up))
    }

    /// Refills every slot of `machine` when its refill is due (at 06:00 UTC, every few days by site kind).
    mutating func refillIfDue(_ machine: Int, at time: Int64) {
        guard time >= machines[machine].nextRefill else { return }
        let first = machine * Self.slotsPerMachine
        if machines[machine].nextRefill != .min {
            for slot in first..<(first + Self.slotsPerMachine) { slotStock[slot] = slotCapacity[slot] }
        }
        let day = time / 86_400_000
        machines[machine].nextRefill = (day + Int64(machines[machine].kind.refillEveryDays)) * 86_400_000 + 6 * 3_600_000
    }
}
