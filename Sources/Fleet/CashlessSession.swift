import Determinism

/// One customer at one machine, following the MDB cashless-device sequence:
/// begin session (the NFC tap) → vend request → vend approved or denied → vend success or failure →
/// session complete. Only what the loyalty program sees becomes an event: a purchase (and, after a
/// vend failure, the refund that voids it), or a redemption.
extension TraceGenerator {
    mutating func serve(machine index: Int, at time: Int64) {
        fleet.refillIfDue(index, at: time)
        fleet.machines[index].sessions += 1
        statistics.sessions += 1
        let session = Int32(fleet.machines[index].sessions)
        let rates = settings.rates

        // Begin session: Apple Pay with the pass read through Apple VAS, Google Pay with Google Smart Tap,
        // or a card or a phone without a pass.
        var member = Double.random(in: 0..<1, using: &random) < rates.anonymous ? nil : chooseMember(atSite: fleet.machines[index].site)
        if let chosen = member, !withinBudget(chosen, at: time) { member = nil }
        let applePay = member != nil && Double.random(in: 0..<1, using: &random) < rates.applePay
        let approvalDelay = Int64.random(in: 900...2_800, using: &random)

        // The member's app shows a free drink: the tap redeems it, no payment.
        if let member, freeDrinksAvailable(member) > 0, Double.random(in: 0..<1, using: &random) < rates.redemption {
            guard let slot = selectSlot(machine: index) else { return }
            fleet.slotStock[index * Fleet.slotsPerMachine + slot] -= 1
            redeemed[Int(member)] += 1
            statistics.redemptions += 1
            emit(.redemption, at: time + approvalDelay, machine: index, session: session, member: member, applePay: applePay, slot: slot)
            return
        }

        // Vend request, then the payment's authorisation.
        guard let slot = selectSlot(machine: index) else { return }
        if Double.random(in: 0..<1, using: &random) < rates.denied {
            statistics.denied += 1
            return
        }
        let purchaseTime = time + approvalDelay
        statistics.purchases += 1
        if member == nil { statistics.anonymousPurchases += 1 }
        emit(.purchase, at: purchaseTime, machine: index, session: session, member: member, applePay: applePay, slot: slot)

        // Vend failure after approval: the payment is refunded and the purchase is void.
        if Double.random(in: 0..<1, using: &random) < rates.vendFailure {
            statistics.refunds += 1
            let refundTime = purchaseTime + Int64.random(in: 4_000...15_000, using: &random)
            emit(.refund, at: refundTime, machine: index, session: session, member: member, applePay: applePay, slot: slot)
            return
        }
        fleet.slotStock[index * Fleet.slotsPerMachine + slot] -= 1
        if let member { points[Int(member)] += Int32(settings.rules.pointsPerPurchase) }
    }

    /// The slot the customer picks: after a sold-out selection, another slot with stock, unless they walk away.
    private mutating func selectSlot(machine index: Int) -> Int? {
        let first = index * Fleet.slotsPerMachine
        let choice = fleet.slotChoice.draw(from: index, using: &random) ?? 0
        if fleet.slotStock[first + choice] > 0 { return choice }
        statistics.soldOutSelections += 1
        if Double.random(in: 0..<1, using: &random) < settings.rates.walkAwayWhenSoldOut {
            statistics.walkedAway += 1
            return nil
        }
        let offset = Int.random(in: 0..<Fleet.slotsPerMachine, using: &random)
        for step in 0..<Fleet.slotsPerMachine where fleet.slotStock[first + (offset + step) % Fleet.slotsPerMachine] > 0 {
            return (offset + step) % Fleet.slotsPerMachine
        }
        statistics.walkedAway += 1
        return nil
    }

    /// A member who taps at a machine of `site`: usually one from the site, sometimes a visitor.
    private mutating func chooseMember(atSite site: Int) -> Int32? {
        guard fleet.visitorChoice.count(of: 0) > 0 else { return nil }
        if fleet.siteChoice.count(of: site) == 0 || Double.random(in: 0..<1, using: &random) < 0.1 {
            return fleet.visitorChoice.draw(from: 0, using: &random).map(Int32.init)
        }
        guard let drawn = fleet.siteChoice.draw(from: site, using: &random) else { return nil }
        return fleet.siteMembers[fleet.siteMemberStarts[site] + drawn]
    }

    /// Counts a tap against the member's daily budget; false when the member has had enough today,
    /// and the customer at the machine is someone without a pass.
    private mutating func withinBudget(_ member: Int32, at time: Int64) -> Bool {
        let index = Int(member)
        let day = Int32(time / 86_400_000)
        if tapDay[index] != day {
            tapDay[index] = day
            tapsToday[index] = 0
        }
        guard tapsToday[index] < fleet.dailyBudget[index] else { return false }
        tapsToday[index] += 1
        return true
    }

    private func freeDrinksAvailable(_ member: Int32) -> Int64 {
        settings.rules.freeDrinksEarned(points: Int64(points[Int(member)])) - Int64(redeemed[Int(member)])
    }
}
