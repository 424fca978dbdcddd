import BackstopCore
import BackstopEngine

/// Whether a policy's plan is the one its definition gives, checked from the definition in one pass
/// over every candidate (public scores and profits, 128-bit arithmetic), without planning again: so
/// the ADL benchmark cannot pass with a fast wrong plan.
enum PlanCheck {
    /// A queue's plan is the head of the ranking: each score is the candidate's exact score, in
    /// descending order (ties to the lower account), all whole but the last, summing to the quantity,
    /// and every other candidate with a position ranks after the last one closed.
    static func queue(_ plan: DeleveragingPlan, policy: DeleveragingPolicyName, terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> Bool {
        let side = terms.counterpartySide
        let scores = candidates.map { policy.policy.priority(of: $0, side: side, mark: terms.markPrice) }
        func ranksBefore(_ left: Int, _ right: Int) -> Bool {
            scores[left] != scores[right] ? scores[left] > scores[right] : candidates[left].account < candidates[right].account
        }
        let chosen = plan.allocations.map(\.candidate)
        guard let last = chosen.last, plan.totalClosed == terms.quantity else { return false }
        for (position, allocation) in plan.allocations.enumerated() {
            let candidate = candidates[allocation.candidate]
            guard allocation.score == scores[allocation.candidate],
                  position == chosen.count - 1 ? allocation.quantity <= candidate.size : allocation.quantity == candidate.size,
                  position == 0 || ranksBefore(chosen[position - 1], allocation.candidate)
            else { return false }
        }
        var closed = [Bool](repeating: false, count: candidates.count)
        for index in chosen { closed[index] = true }
        return candidates.indices.allSatisfy { closed[$0] || !candidates[$0].size.isPositive || ranksBefore(last, $0) }
    }

    /// Pro-rata's or min-max's plan when the winners hold the quantity and no winner's share reaches
    /// its position: each winner gets the floor of its share `T × profit / U`, and the leftover lots
    /// go by largest remainder (pro-rata) or one at a time to the smallest `lots / profit` after the
    /// lot (min-max), ties to the lower index; the plan lists the largest first with the profit as
    /// score. `nil` when the instance is outside that case.
    static func proportional(_ plan: DeleveragingPlan, minMax: Bool, terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> Bool? {
        let total = Int128(terms.quantity.raw / terms.lotSize.raw)
        let profits = candidates.map { max(.zero, $0.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)).raw }
        let caps = candidates.map { $0.size.raw / terms.lotSize.raw }
        let winners = candidates.indices.filter { profits[$0] > 0 && caps[$0] > 0 }
        let weight = winners.reduce(Int128(0)) { $0 + Int128(profits[$1]) }
        guard winners.reduce(Int128(0), { $0 + Int128(caps[$1]) }) >= total,
              winners.allSatisfy({ Int128(caps[$0]) * weight > total * Int128(profits[$0]) })
        else { return nil }
        var lots = [Int64](repeating: 0, count: candidates.count)
        for allocation in plan.allocations {
            lots[allocation.candidate] = allocation.quantity.raw / terms.lotSize.raw
            guard allocation.score == Score(Money(raw: profits[allocation.candidate])) else { return false }
        }
        let inOrder = plan.allocations.indices.dropFirst().allSatisfy { position in
            let (left, right) = (plan.allocations[position - 1].candidate, plan.allocations[position].candidate)
            return lots[left] != lots[right] ? lots[left] > lots[right] : left < right
        }
        guard inOrder, plan.totalClosed == terms.quantity,
              candidates.indices.allSatisfy({ lots[$0] == 0 || profits[$0] > 0 && caps[$0] > 0 })
        else { return false }
        let floors = winners.map { Int128(profits[$0]) * total / weight }
        guard zip(winners, floors).allSatisfy({ Int128(lots[$0]) >= $1 }) else { return false }
        return minMax
            ? smallestNextFractions(winners: winners, floors: floors, lots: lots, caps: caps, profits: profits)
            : largestRemainders(winners: winners, floors: floors, lots: lots, total: total, weight: weight, profits: profits)
    }

    /// One more lot each for winners whose (remainder, lower index) all rank before every other's.
    private static func largestRemainders(
        winners: [Int], floors: [Int128], lots: [Int64], total: Int128, weight: Int128, profits: [Int64]
    ) -> Bool {
        var lowestGiven: (remainder: Int128, index: Int)?
        var highestLeft: (remainder: Int128, index: Int)?
        for (position, index) in winners.enumerated() {
            let extra = Int128(lots[index]) - floors[position]
            let remainder = Int128(profits[index]) * total % weight
            guard extra <= 1 else { return false }
            func before(_ left: (remainder: Int128, index: Int), _ right: (remainder: Int128, index: Int)) -> Bool {
                left.remainder != right.remainder ? left.remainder > right.remainder : left.index < right.index
            }
            if extra == 1 {
                if lowestGiven.map({ before((remainder, index), $0) }) ?? false { continue }
                lowestGiven = (remainder, index)
            } else if highestLeft.map({ before((remainder, index), $0) }) ?? true {
                highestLeft = (remainder, index)
            }
        }
        guard let given = lowestGiven, let left = highestLeft else { return true }
        return given.remainder != left.remainder ? given.remainder > left.remainder : given.index < left.index
    }

    /// Every lot given (`k / profit` for the `k`-th lot above the floor) ranks, with its index, before
    /// every winner's next lot not given.
    private static func smallestNextFractions(winners: [Int], floors: [Int128], lots: [Int64], caps: [Int64], profits: [Int64]) -> Bool {
        func before(_ left: (lots: Int128, profit: Int128, index: Int), _ right: (lots: Int128, profit: Int128, index: Int)) -> Bool {
            let (lhs, rhs) = (left.lots * right.profit, right.lots * left.profit)
            return lhs != rhs ? lhs < rhs : left.index < right.index
        }
        var latestGiven: (lots: Int128, profit: Int128, index: Int)?
        var earliestNext: (lots: Int128, profit: Int128, index: Int)?
        for (position, index) in winners.enumerated() {
            let profit = Int128(profits[index])
            if Int128(lots[index]) > floors[position] {
                let given = (Int128(lots[index]), profit, index)
                if latestGiven.map({ before($0, given) }) ?? true { latestGiven = given }
            }
            if lots[index] < caps[index] {
                let next = (Int128(lots[index]) + 1, profit, index)
                if earliestNext.map({ before(next, $0) }) ?? true { earliestNext = next }
            }
        }
        guard let given = latestGiven, let next = earliestNext else { return true }
        return before(given, next)
    }
}
