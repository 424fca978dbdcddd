import BackstopCore
@testable import BackstopEngine
import Testing

/// Seeded random rounds through every policy (REFERENCE sections 6 to 8): exact totals on the lot
/// grid, pro-rata within a lot of `B / U`, min-max never worse than any other policy, and the
/// socialized loss summing to what winners can cover.
@Suite struct DeleveragingPropertyTests {
    /// One random round.
    struct Instance {
        var terms: DeleveragingTerms
        var candidates: [DeleveragingCandidate]
        /// Every candidate's equity is above its whole position's haircut (`equity > size × h`), so
        /// closing it never leaves it bankrupt: what leverage draining needs to cut smoothly.
        var wellPosed: Bool

        var profits: [Money] {
            candidates.map { max(.zero, $0.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)) }
        }
        var lots: [Int64] { candidates.map { $0.size.raw / terms.lotSize.raw } }
        var winnerLots: Int64 { candidates.indices.filter { profits[$0].isPositive }.reduce(0) { $0 + lots[$1] } }
    }

    /// What the quantity is drawn against.
    enum Shape {
        /// Up to the candidates' total size, losers possibly closed.
        case any
        /// Up to what the winners hold.
        case winnersHoldEnough
        /// Below every winner's size, so that no position caps a proportional share.
        case roomy
    }

    /// A round: a lot of 1, 0.1 or 0.001; a mark with cents; a positive haircut per contract; 1 to 8
    /// counterparties of whole lots, most in profit, some at a loss or flat; equity above the
    /// position's haircut when `wellPosed`, otherwise sometimes at or below zero.
    static func instance(_ generator: inout SplitMix64, shape: Shape, wellPosed: Bool) -> Instance? {
        let lot = Quantity.of(["1", "0.1", "0.001"].randomElement(using: &generator)!)
        let markCents = Int64.random(in: 1_000...500_000, using: &generator)
        let haircutCents = Int64.random(in: 1...max(1, markCents / 20), using: &generator)
        let mark = Price(raw: markCents * 1_000_000)
        let haircut = Price(raw: haircutCents * 1_000_000)
        let bankruptSide: Side = Bool.random(using: &generator) ? .buy : .sell
        let long = bankruptSide == .sell
        let execution = long ? mark - haircut : mark + haircut
        var candidates: [DeleveragingCandidate] = []
        for index in 0..<Int.random(in: 1...8, using: &generator) {
            let kind = Int.random(in: 0..<20, using: &generator)
            let winner = kind < 13
            let lots = shape == .roomy && winner
                ? Int64.random(in: 20...60, using: &generator) : Int64.random(in: 1...40, using: &generator)
            let size = Quantity(raw: lots * lot.raw)
            let notional = size.value(at: mark, rounding: .down)
            let half = max(1, notional.raw / 2_000_000)
            let profit = switch kind {
            case ..<13: Money(raw: Int64.random(in: 1...half, using: &generator) * 1_000_000)
            case ..<17: Money(raw: -Int64.random(in: 1...half, using: &generator) * 1_000_000)
            default: Money.zero
            }
            let positionHaircut = size.value(at: haircut, rounding: .up)
            let equity: Money
            if wellPosed || Int.random(in: 0..<4, using: &generator) > 0 {
                equity = positionHaircut + Money(raw: Int64.random(in: 1...max(1, notional.raw), using: &generator))
            } else {
                equity = Money(raw: Int64.random(in: -notional.raw...positionHaircut.raw, using: &generator))
            }
            candidates.append(DeleveragingCandidate(
                account: AccountID(UInt64(index + 1) * 7 % 11 + 1), size: size,
                entryValue: long ? notional - profit : notional + profit, equity: equity,
                walletBalance: equity - profit, maintenanceMargin: notional.times(Rate.of("0.005"), rounding: .up)))
        }
        var instance = Instance(
            terms: DeleveragingTerms(
                bankruptSide: bankruptSide, quantity: .zero, executionPrice: execution, markPrice: mark, lotSize: lot,
                seed: generator.next()),
            candidates: candidates, wellPosed: candidates.allSatisfy { $0.equity > $0.size.value(at: haircut, rounding: .up) })
        let totalLots: Int64
        switch shape {
        case .any: totalLots = instance.lots.reduce(0, +)
        case .winnersHoldEnough: totalLots = instance.winnerLots
        case .roomy:
            let winners = instance.candidates.indices.filter { instance.profits[$0].isPositive }
            totalLots = (winners.map { instance.lots[$0] }.min() ?? 0) - 1
        }
        guard totalLots >= 1 else { return nil }
        instance.terms.quantity = Quantity(raw: Int64.random(in: 1...totalLots, using: &generator) * lot.raw)
        return instance
    }

    /// `count` instances of a shape.
    static func instances(seed: UInt64, count: Int, shape: Shape, wellPosed: Bool) -> [Instance] {
        var generator = SplitMix64(seed: seed)
        var found: [Instance] = []
        while found.count < count {
            if let instance = instance(&generator, shape: shape, wellPosed: wellPosed) { found.append(instance) }
        }
        return found
    }

    static let closingPolicies = DeleveragingPolicyName.allCases.filter { $0 != .socializedLoss }

    /// The problems with a closing plan, if any.
    static func closingViolations(_ plan: DeleveragingPlan, _ instance: Instance) -> [String] {
        var problems: [String] = []
        if plan.totalClosed != instance.terms.quantity {
            problems.append("closed \(plan.totalClosed) of \(instance.terms.quantity)")
        }
        if Set(plan.allocations.map(\.candidate)).count != plan.allocations.count { problems.append("a candidate twice") }
        for allocation in plan.allocations {
            guard instance.candidates.indices.contains(allocation.candidate) else {
                problems.append("index \(allocation.candidate) out of range")
                continue
            }
            let size = instance.candidates[allocation.candidate].size
            if !allocation.quantity.isPositive { problems.append("an empty allocation") }
            if allocation.quantity > size { problems.append("\(allocation.quantity) from a position of \(size)") }
            if allocation.quantity.raw % instance.terms.lotSize.raw != 0 { problems.append("\(allocation.quantity) off the lot grid") }
            if allocation.debit != .zero { problems.append("a debit from a closing policy") }
        }
        if plan.uncovered != .zero { problems.append("uncovered \(plan.uncovered)") }
        return problems
    }

    /// Leverage draining runs on well-posed rounds: see `LeverageDrainingPolicyTests`.
    @Test("every closing policy closes exactly the quantity, within positions, on the lot grid",
          arguments: closingPolicies)
    func closesExactly(_ name: DeleveragingPolicyName) {
        let instances = Self.instances(seed: 0x5EED_0001, count: 400, shape: .any, wellPosed: name == .leverageDraining)
        for (number, instance) in instances.enumerated() {
            let plan = name.policy.plan(instance.terms, candidates: instance.candidates)
            let problems = Self.closingViolations(plan, instance)
            #expect(problems.isEmpty, "instance \(number): \(problems)")
            // Pure: the same inputs give the same plan.
            #expect(name.policy.plan(instance.terms, candidates: instance.candidates) == plan)
        }
    }

    /// With no position capping a share, each winner's share is at most its proportional one plus a
    /// lot, so `haircut_i / u_i ≤ B / U + lotHaircut / u_i`, i.e.
    /// `haircut_i · U ≤ B · u_i + lotHaircut · U`.
    @Test("pro-rata's largest haircut fraction is within one lot's haircut of B / U")
    func proRataWithinALot() {
        for (number, instance) in Self.instances(seed: 0x5EED_0002, count: 400, shape: .roomy, wellPosed: false).enumerated() {
            let plan = ProRataPolicy().plan(instance.terms, candidates: instance.candidates)
            let profits = instance.profits
            let total = Int128(profits.reduce(Money.zero, +).raw)
            let haircuts = plan.allocations.map {
                instance.candidates[$0.candidate].haircut(closing: $0.quantity, terms: instance.terms)
            }
            let budget = Int128(haircuts.reduce(Money.zero, +).raw)
            let lotHaircut = Int128(instance.candidates[0].haircut(closing: instance.terms.lotSize, terms: instance.terms).raw)
            for (allocation, haircut) in zip(plan.allocations, haircuts) {
                let profit = Int128(profits[allocation.candidate].raw)
                #expect(profit > 0, "instance \(number): a loser closed")
                #expect(Int128(haircut.raw) * total <= budget * profit + lotHaircut * total,
                        "instance \(number): \(haircut) of \(profit), B \(budget), U \(total)")
            }
            // And never below B / U: the largest fraction is at least the average.
            let largest = plan.largestHaircutFraction(instance.terms, candidates: instance.candidates)
            #expect(largest >= ExactFraction(budget, over: total), "instance \(number)")
        }
    }

    /// Min-max is the optimum on the lot grid, so no policy that closes the same quantity within the
    /// same positions has a smaller largest fraction. Rounds where winners hold enough.
    @Test("min-max's largest haircut fraction is never above any other closing policy's",
          arguments: closingPolicies.filter { $0 != .minMax })
    func minMaxNeverWorse(_ name: DeleveragingPolicyName) {
        var strictlyBetter = 0
        let wellPosed = name == .leverageDraining
        let instances = Self.instances(seed: 0x5EED_0003, count: 400, shape: .winnersHoldEnough, wellPosed: wellPosed)
        for (number, instance) in instances.enumerated() {
            let minMax = MinMaxPolicy().plan(instance.terms, candidates: instance.candidates)
                .largestHaircutFraction(instance.terms, candidates: instance.candidates)
            let other = name.policy.plan(instance.terms, candidates: instance.candidates)
                .largestHaircutFraction(instance.terms, candidates: instance.candidates)
            #expect(minMax <= other, "instance \(number): min-max \(minMax), \(name) \(other)")
            if minMax < other { strictlyBetter += 1 }
        }
        // Pro-rata agrees with min-max most of the time but not always; the others often lose.
        #expect(strictlyBetter > 0, "the rounds never separate min-max from \(name)")
    }

    @Test("the socialized loss debits min(shortfall, U) in all, each within its profit, closing nothing")
    func socializedLossSums() {
        for (number, instance) in Self.instances(seed: 0x5EED_0004, count: 400, shape: .any, wellPosed: false).enumerated() {
            let plan = SocializedLossPolicy().plan(instance.terms, candidates: instance.candidates)
            let shortfall = instance.terms.quantity.value(at: instance.terms.haircutPerContract, rounding: .up)
            let capacity = instance.profits.reduce(Money.zero, +)
            let debited = plan.allocations.reduce(Money.zero) { $0 + $1.debit }
            #expect(debited == min(shortfall, capacity), "instance \(number)")
            #expect(plan.uncovered == shortfall - debited, "instance \(number)")
            #expect(plan.totalClosed == .zero)
            for allocation in plan.allocations {
                #expect(allocation.quantity == .zero)
                #expect(allocation.debit.isPositive && allocation.debit <= instance.profits[allocation.candidate],
                        "instance \(number)")
            }
        }
    }
}
