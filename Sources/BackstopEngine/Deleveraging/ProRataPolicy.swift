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
        plan(terms, candidates: candidates, tuning: .standard)
    }

    func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate], tuning: SelectionTuning) -> DeleveragingPlan {
        ProfitWeightedLots.plan(terms, candidates: candidates, tuning: tuning) { $0.largestRemainderLots(tuning: tuning) }
    }
}
