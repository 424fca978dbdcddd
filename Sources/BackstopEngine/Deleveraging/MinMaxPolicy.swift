import BackstopCore

/// Min-max on the lot grid: the allocation whose largest haircut as a fraction of a winner's profit
/// is the smallest possible. Exact, not approximate: the continuous water level is computed first and
/// every winner gets the floor of its share (each then at or below the optimum's largest fraction);
/// the lots left over are given one at a time to the winner whose fraction after the lot is smallest.
/// No lot given that way can exceed the optimum (if every next lot did, no allocation at the optimum
/// could reach the quantity), so the result attains it.
///
/// The haircut per contract is the same for every counterparty, so fractions compare as
/// `lots / profit`. Winners short of the quantity are handled as in ``ProRataPolicy``.
public struct MinMaxPolicy: DeleveragingPolicy {
    public init() {}

    public var name: DeleveragingPolicyName { .minMax }

    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score {
        Score(max(.zero, candidate.unrealizedPnL(at: mark, side: side)))
    }

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        plan(terms, candidates: candidates, tuning: .standard)
    }

    func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate], tuning: SelectionTuning) -> DeleveragingPlan {
        ProfitWeightedLots.plan(terms, candidates: candidates, tuning: tuning) { $0.minMaxLots(tuning: tuning) }
    }
}
