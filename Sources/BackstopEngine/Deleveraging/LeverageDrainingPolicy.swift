import BackstopCore

/// Leverage draining (Campbell, Hey, Moallemi, Nutz 2026): cut the most levered counterparties first,
/// each down to a common leverage level `L`, lowering `L` until the quantity is met.
///
/// A counterparty with size `s`, equity `e`, closed by `q` at the execution price while the mark is
/// `m` keeps leverage `(s − q) m / (e − q h)`, where `h` is the haircut per contract; reaching `L`
/// takes `q = (s m − L e) / (m − L h)`, between 0 and `s`, which falls continuously as `L` rises.
/// A counterparty whose equity does not exceed its whole position's haircut (`e ≤ s h`, including
/// non-positive equity) has no finite level to stop at: those are drained first, whole, or in
/// proportion to size when together they hold more than the quantity.
///
/// The level is the largest one on `Rate`'s grid (capped at 1,000,000x) at which the cuts still reach
/// the quantity; the cuts one grid step higher fall short, and the difference is given to the most
/// levered first. The exact cuts are then floored to lots and the lots left over go to the largest
/// fractional parts (ties to the lower account). Totals are exact and no cut exceeds a position.
public struct LeverageDrainingPolicy: DeleveragingPolicy {
    /// The highest leverage level searched.
    public static let maximumLevel = Rate(units: 1_000_000)

    public init() {}

    public var name: DeleveragingPolicyName { .leverageDraining }

    /// Effective leverage `notional / equity` (highest for non-positive equity).
    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score {
        Score.ratio(candidate.markValue(at: mark), candidate.equity) ?? .highest
    }

    /// The plan. Only the candidates with a cut are looked at after the first pass: a candidate without
    /// one keeps `min(its lots, 0)` lots (none, or the negative count of a negative size, which still
    /// counts against the total), and is neither rounded up nor chosen.
    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let side = terms.counterpartySide
        let (cuts, negativeLots) = exactCuts(terms: terms, candidates: candidates)
        let valuation = RoundValuation(terms: terms)
        let lotRaw = Int128(terms.lotSize.raw)
        let caps = cuts.map { valuation.lots(candidates[$0.index].size) }
        var lots = cuts.indices.map { min(caps[$0], Int64(cuts[$0].cut / lotRaw)) }
        var leftover = terms.lots - lots.reduce(0, +) - negativeLots
        let byFraction = cuts.indices
            .filter { lots[$0] < caps[$0] && cuts[$0].cut % lotRaw > 0 }
            .sorted { left, right in
                let lhs = cuts[left].cut % lotRaw
                let rhs = cuts[right].cut % lotRaw
                return lhs != rhs ? lhs > rhs : candidates[cuts[left].index].account < candidates[cuts[right].index].account
            }
        for position in byFraction where leftover > 0 {
            lots[position] += 1
            leftover -= 1
        }
        let scores = cuts.indices.map { lots[$0] > 0 ? priority(of: candidates[cuts[$0].index], side: side, mark: terms.markPrice) : .zero }
        let chosen = cuts.indices.filter { lots[$0] > 0 }.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[cuts[$0].index].account < candidates[cuts[$1].index].account
        }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(
                    candidate: cuts[$0].index, quantity: terms.quantity(lots: lots[$0]), debit: .zero, score: scores[$0])
            },
            candidatesConsidered: candidates.count)
    }

    /// The candidates' nonzero cuts in raw quantity units, in index order, summing to the quantity
    /// exactly; and the lots, all negative, of the candidates without a cut whose size is negative.
    private func exactCuts(terms: DeleveragingTerms, candidates: [DeleveragingCandidate])
        -> (cuts: [(index: Int, cut: Int128)], negativeLots: Int64)
    {
        let target = Int128(terms.quantity.raw)
        let haircut = terms.haircutPerContract
        let valuation = RoundValuation(terms: terms)
        var unbounded: [Int] = []
        var unboundedSizes = Int128(0)
        var negativeSizes: [Int] = []
        candidates.withUnsafeBufferPointer { candidates in
            for index in candidates.indices {
                let candidate = candidates[index]
                if !candidate.equity.isPositive || candidate.equity <= candidate.size.value(at: haircut, rounding: .up) {
                    unbounded.append(index)
                    unboundedSizes += Int128(candidate.size.raw)
                }
                if candidate.size.isNegative { negativeSizes.append(index) }
            }
        }
        var cuts = [Int128](repeating: 0, count: candidates.count)
        if unboundedSizes >= target {
            let shares = ProportionalAllocation.largestRemainder(
                total: Int64(target), weights: unbounded.map { candidates[$0].size.raw },
                caps: unbounded.map { candidates[$0].size.raw })
            for (position, index) in unbounded.enumerated() { cuts[index] = Int128(shares[position]) }
        } else {
            drain(terms: terms, candidates: candidates, unbounded: unbounded, wanted: target - unboundedSizes, into: &cuts)
        }
        let negativeLots = negativeSizes.reduce(Int64(0)) { cuts[$1] == 0 ? $0 + min(valuation.lots(candidates[$1].size), 0) : $0 }
        let nonzero = unboundedSizes >= target ? unbounded.filter { cuts[$0] != 0 } : cuts.indices.filter { cuts[$0] != 0 }
        return (nonzero.map { ($0, cuts[$0]) }, negativeLots)
    }

    /// The cuts when the unbounded candidates hold less than the quantity: each of them whole, the
    /// others cut to the highest common level that still reaches what is `wanted`, the most levered
    /// first for what one grid step leaves.
    private func drain(
        terms: DeleveragingTerms, candidates: [DeleveragingCandidate], unbounded: [Int], wanted: Int128,
        into cuts: inout [Int128]
    ) {
        var isUnbounded = [Bool](repeating: false, count: candidates.count)
        for index in unbounded {
            isUnbounded[index] = true
            cuts[index] = Int128(candidates[index].size.raw)
        }
        let bounded = candidates.indices.filter { !isUnbounded[$0] }
        func total(atLevel level: Int64) -> Int128 {
            bounded.reduce(Int128(0)) { $0 + cut(candidates[$1], level: level, terms: terms) }
        }
        var low: Int64 = 0
        var high = Self.maximumLevel.raw
        while low < high {
            let middle = low + (high - low + 1) / 2
            if total(atLevel: middle) >= wanted { low = middle } else { high = middle - 1 }
        }
        var residual = wanted
        var extra = [Int128](repeating: 0, count: candidates.count)
        for index in bounded {
            let above = cut(candidates[index], level: low + 1, terms: terms)
            cuts[index] = above
            extra[index] = cut(candidates[index], level: low, terms: terms) - above
            residual -= above
        }
        let side = terms.counterpartySide
        let scores = candidates.map { priority(of: $0, side: side, mark: terms.markPrice) }
        let mostLevered = bounded.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[$0].account < candidates[$1].account
        }
        for index in mostLevered where residual > 0 {
            let give = min(residual, extra[index])
            cuts[index] += give
            residual -= give
        }
    }

    /// Raw contracts a candidate with `e > s h` gives to reach leverage `level` (a `Rate` raw value),
    /// computed in money so that nothing overflows: `(notional − L e) / (m − L h)`.
    private func cut(_ candidate: DeleveragingCandidate, level: Int64, terms: DeleveragingTerms) -> Int128 {
        let size = Int128(candidate.size.raw)
        let rate = Int128(Rate.scale)
        let notional = Int128(candidate.size.value(at: terms.markPrice, rounding: .down).raw)
        let numerator = notional - Int128(level) * Int128(candidate.equity.raw) / rate
        guard numerator > 0 else { return 0 }
        let denominator = Int128(terms.markPrice.raw) - Int128(level) * Int128(terms.haircutPerContract.raw) / rate
        guard denominator > 0 else { return size }
        let valueScale = Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale)
        return min(size, numerator * valueScale / denominator)
    }
}
