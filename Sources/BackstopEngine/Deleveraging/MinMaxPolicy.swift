import BackstopCore
import HeapModule

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
        let profits = candidates.map { max(.zero, $0.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)) }
        let lots = ProfitWeightedLots.allocate(terms, candidates: candidates, profits: profits) { weights, caps, total in
            Self.minMaxLots(total: total, weights: weights, caps: caps)
        }
        return ProfitWeightedLots.plan(lots, terms: terms, profits: profits)
    }

    /// Lots minimizing `max(lots / weight)`, capped, summing to `total`.
    static func minMaxLots(total: Int64, weights: [Int64], caps: [Int64]) -> [Int64] {
        let level = ProportionalAllocation.waterLevel(total: total, weights: weights, caps: caps)
        var lots = weights.indices.map { index -> Int64 in
            if level.capped[index] { return caps[index] }
            guard level.weight > 0 else { return 0 }
            return Int64(Int128(level.remaining) * Int128(weights[index]) / level.weight)
        }
        var leftover = total - lots.reduce(0, +)
        var next = Heap(weights.indices.filter { lots[$0] < caps[$0] }.map {
            NextLot(lots: lots[$0] + 1, weight: weights[$0], index: $0)
        })
        while leftover > 0, let smallest = next.popMin() {
            lots[smallest.index] += 1
            leftover -= 1
            if lots[smallest.index] < caps[smallest.index] {
                next.insert(NextLot(lots: lots[smallest.index] + 1, weight: smallest.weight, index: smallest.index))
            }
        }
        return lots
    }
}

/// A winner's next lot, ordered by the fraction `lots / weight` it would reach (ties to the earlier).
private struct NextLot: Comparable {
    var lots: Int64
    var weight: Int64
    var index: Int

    static func < (lhs: Self, rhs: Self) -> Bool {
        let left = Int128(lhs.lots) * Int128(rhs.weight)
        let right = Int128(rhs.lots) * Int128(lhs.weight)
        return left != right ? left < right : lhs.index < rhs.index
    }
}
