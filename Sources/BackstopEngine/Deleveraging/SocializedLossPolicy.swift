import BackstopCore

/// Socialized loss (Deribit, Drift): no counterparty is closed. The bankrupt remainder goes to the
/// market's insurance fund at the mark price, so the fund takes no loss, and the shortfall (the
/// bankrupt position's loss beyond its bankruptcy price, measured at the mark) is debited from the
/// counterparties' balances in proportion to their unrealized profit, each at most its profit
/// (a wallet debit, in raw money units by largest remainder). What winners' profit cannot cover is
/// reported as uncovered. Without a fund to hold the remainder the engine falls back to pro-rata.
public struct SocializedLossPolicy: DeleveragingPolicy {
    public init() {}

    public var name: DeleveragingPolicyName { .socializedLoss }

    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score {
        Score(max(.zero, candidate.unrealizedPnL(at: mark, side: side)))
    }

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let shortfall = max(.zero, terms.quantity.value(at: terms.haircutPerContract, rounding: .up))
        let profits = candidates.map { max(.zero, $0.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)) }
        let winners = candidates.indices.filter { profits[$0].isPositive }
        let capacity = winners.reduce(Money.zero) { $0 + profits[$1] }
        let charged = min(shortfall, capacity)
        let debits = ProportionalAllocation.largestRemainder(
            total: charged.raw, weights: winners.map { profits[$0].raw }, caps: winners.map { profits[$0].raw })
        let allocations = zip(winners, debits)
            .filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map { DeleveragingAllocation(candidate: $0.0, quantity: .zero, debit: Money(raw: $0.1), score: Score(profits[$0.0])) }
        return DeleveragingPlan(allocations: allocations, candidatesConsidered: candidates.count, uncovered: shortfall - charged)
    }
}
