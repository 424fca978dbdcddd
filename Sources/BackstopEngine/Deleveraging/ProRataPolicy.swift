import BackstopCore

/// Pro-rata (Chitra et al.): each winner's share of the quantity is proportional to its unrealized
/// profit, so every winner loses the same fraction of its profit. In whole lots: the floor of each
/// share, then the leftover lots by largest remainder; a share never exceeds the position, and what a
/// capped winner cannot take is shared among the others.
///
/// When the winners together hold less than the quantity, they are closed whole and the rest is
/// shared among the other candidates in proportion to their size.
public struct ProRataPolicy: DeleveragingPolicy {
    public init() {}

    public var name: DeleveragingPolicyName { .proRata }

    /// The profit at mark, as a rate of nothing: higher profit, larger share.
    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score {
        Score(max(.zero, candidate.unrealizedPnL(at: mark, side: side)))
    }

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let profits = candidates.map { max(.zero, $0.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)) }
        let lots = ProfitWeightedLots.allocate(terms, candidates: candidates, profits: profits) { weights, caps, total in
            ProportionalAllocation.largestRemainder(total: total, weights: weights, caps: caps)
        }
        return ProfitWeightedLots.plan(lots, terms: terms, profits: profits)
    }
}

/// What pro-rata and min-max share: winners by profit first, then the others by size.
enum ProfitWeightedLots {
    /// Lots per candidate: `split` shares among winners by profit; if winners hold too little, they
    /// are closed whole and the rest goes to the others by size (largest remainder).
    static func allocate(
        _ terms: DeleveragingTerms, candidates: [DeleveragingCandidate], profits: [Money],
        split: ([Int64], [Int64], Int64) -> [Int64]
    ) -> [Int64] {
        let caps = candidates.map { terms.lots($0.size) }
        let winners = candidates.indices.filter { profits[$0].isPositive && caps[$0] > 0 }
        let winnerLots = winners.reduce(Int64(0)) { $0 + caps[$1] }
        var lots = [Int64](repeating: 0, count: candidates.count)
        if winnerLots >= terms.lots {
            let shares = split(winners.map { profits[$0].raw }, winners.map { caps[$0] }, terms.lots)
            for (position, index) in winners.enumerated() { lots[index] = shares[position] }
            return lots
        }
        for index in winners { lots[index] = caps[index] }
        let others = candidates.indices.filter { !profits[$0].isPositive && caps[$0] > 0 }
        let shares = ProportionalAllocation.largestRemainder(
            total: terms.lots - winnerLots, weights: others.map { caps[$0] }, caps: others.map { caps[$0] })
        for (position, index) in others.enumerated() { lots[index] = shares[position] }
        return lots
    }

    /// The plan for lots per candidate, largest share first (ties to the lower account).
    static func plan(_ lots: [Int64], terms: DeleveragingTerms, profits: [Money]) -> DeleveragingPlan {
        let chosen = lots.indices.filter { lots[$0] > 0 }.sorted { lots[$0] != lots[$1] ? lots[$0] > lots[$1] : $0 < $1 }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(
                    candidate: $0, quantity: terms.quantity(lots: lots[$0]), debit: .zero, score: Score(profits[$0]))
            },
            candidatesConsidered: lots.count)
    }
}
