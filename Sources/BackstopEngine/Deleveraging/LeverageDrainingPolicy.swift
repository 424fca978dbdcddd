import BackstopCore

/// Leverage draining (Campbell, Hey, Moallemi, Nutz 2026): cut the most levered counterparties first,
/// each down to a common leverage level `L`, lowering `L` until the quantity is met.
///
/// A counterparty with size `s`, equity `e`, closed by `q` at the execution price while the mark is
/// `m` keeps leverage `(s − q) m / (e − q h)`, where `h` is the haircut per contract; reaching `L`
/// takes `q = (s m − L e) / (m − L h)`, between 0 and `s`. A position without positive equity is
/// drained whole first. The level is found by bisection on `Rate`'s grid, the closed quantities are
/// floored to lots and the lots left over go to the largest fractional parts (ties to the lower
/// account).
public struct LeverageDrainingPolicy: DeleveragingPolicy {
    public init() {}

    public var name: DeleveragingPolicyName { .leverageDraining }

    /// Effective leverage `notional / equity` (highest for non-positive equity).
    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score {
        Score.ratio(candidate.markValue(at: mark), candidate.equity) ?? .highest
    }

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let caps = candidates.map { terms.lots($0.size) }
        let target = Int128(terms.quantity.raw)
        var low: Int64 = 0
        // The level is a leverage on `Rate`'s grid, at most the highest finite leverage present.
        let scoreToRate = Score.scale / Int128(Rate.scale)
        var high = candidates.reduce(Rate.one.raw) { highest, candidate in
            guard let leverage = Score.ratio(candidate.markValue(at: terms.markPrice), candidate.equity) else { return highest }
            return max(highest, Int64(clamping: leverage.raw / scoreToRate + 1))
        }
        // The largest level at which the cuts still add up to the quantity.
        while low < high {
            let middle = low + (high - low + 1) / 2
            if totalCut(atLevel: middle, terms: terms, candidates: candidates) >= target {
                low = middle
            } else {
                high = middle - 1
            }
        }
        let exact = candidates.map { cut(candidate: $0, level: low, terms: terms) }
        var lots = exact.indices.map { min(caps[$0], Int64(exact[$0] / Int128(terms.lotSize.raw))) }
        var leftover = terms.lots - lots.reduce(0, +)
        let byFraction = exact.indices
            .filter { lots[$0] < caps[$0] }
            .sorted { left, right in
                let lhs = exact[left] % Int128(terms.lotSize.raw)
                let rhs = exact[right] % Int128(terms.lotSize.raw)
                return lhs != rhs ? lhs > rhs : candidates[left].account < candidates[right].account
            }
        for index in byFraction where leftover > 0 {
            lots[index] += 1
            leftover -= 1
        }
        var index = 0
        while leftover > 0, index < candidates.count {
            let room = min(leftover, caps[index] - lots[index])
            lots[index] += room
            leftover -= room
            index += 1
        }
        let scores = candidates.map { priority(of: $0, side: terms.counterpartySide, mark: terms.markPrice) }
        let chosen = lots.indices.filter { lots[$0] > 0 }.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[$0].account < candidates[$1].account
        }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(candidate: $0, quantity: terms.quantity(lots: lots[$0]), debit: .zero, score: scores[$0])
            },
            candidatesConsidered: candidates.count)
    }

    /// Contracts (raw) all candidates give at a leverage level.
    private func totalCut(atLevel level: Int64, terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> Int128 {
        candidates.reduce(Int128(0)) { $0 + cut(candidate: $1, level: level, terms: terms) }
    }

    /// Contracts (raw) one candidate gives to reach leverage `level` (a `Rate` raw value).
    private func cut(candidate: DeleveragingCandidate, level: Int64, terms: DeleveragingTerms) -> Int128 {
        let size = Int128(candidate.size.raw)
        guard candidate.equity.isPositive else { return size }
        let valueScale = Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale)
        let mark = Int128(terms.markPrice.raw)
        let haircut = Int128(terms.haircutPerContract.raw)
        let rate = Int128(Rate.scale)
        // q = (s·m − L·e) / (m − L·h), in raw units: s·m/valueScale is money; L·e/rate is money.
        let numerator = size * mark * rate - Int128(level) * Int128(candidate.equity.raw) * valueScale
        let denominator = mark * rate - Int128(level) * haircut
        guard numerator > 0 else { return 0 }
        guard denominator > 0 else { return size }
        return min(size, numerator / denominator)
    }
}
