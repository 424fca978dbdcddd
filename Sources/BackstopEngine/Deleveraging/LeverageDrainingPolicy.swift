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

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let scores = candidates.map { priority(of: $0, side: terms.counterpartySide, mark: terms.markPrice) }
        let exact = exactCuts(terms: terms, candidates: candidates, scores: scores)
        let lotRaw = Int128(terms.lotSize.raw)
        let caps = candidates.map { terms.lots($0.size) }
        var lots = exact.indices.map { min(caps[$0], Int64(exact[$0] / lotRaw)) }
        var leftover = terms.lots - lots.reduce(0, +)
        let byFraction = exact.indices
            .filter { lots[$0] < caps[$0] && exact[$0] % lotRaw > 0 }
            .sorted { left, right in
                let lhs = exact[left] % lotRaw
                let rhs = exact[right] % lotRaw
                return lhs != rhs ? lhs > rhs : candidates[left].account < candidates[right].account
            }
        for index in byFraction where leftover > 0 {
            lots[index] += 1
            leftover -= 1
        }
        let chosen = lots.indices.filter { lots[$0] > 0 }.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[$0].account < candidates[$1].account
        }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(candidate: $0, quantity: terms.quantity(lots: lots[$0]), debit: .zero, score: scores[$0])
            },
            candidatesConsidered: candidates.count)
    }

    /// Each candidate's cut in raw quantity units, summing to the quantity exactly.
    private func exactCuts(terms: DeleveragingTerms, candidates: [DeleveragingCandidate], scores: [Score]) -> [Int128] {
        let target = Int128(terms.quantity.raw)
        let unbounded = candidates.map { !$0.equity.isPositive || $0.equity <= $0.size.value(at: terms.haircutPerContract, rounding: .up) }
        let unboundedSizes = candidates.indices.filter { unbounded[$0] }.reduce(Int128(0)) { $0 + Int128(candidates[$1].size.raw) }
        var cuts = [Int128](repeating: 0, count: candidates.count)
        if unboundedSizes >= target {
            let drained = candidates.indices.filter { unbounded[$0] }
            let shares = ProportionalAllocation.largestRemainder(
                total: Int64(target), weights: drained.map { candidates[$0].size.raw }, caps: drained.map { candidates[$0].size.raw })
            for (position, index) in drained.enumerated() { cuts[index] = Int128(shares[position]) }
            return cuts
        }
        for index in candidates.indices where unbounded[index] { cuts[index] = Int128(candidates[index].size.raw) }
        let wanted = target - unboundedSizes
        let bounded = candidates.indices.filter { !unbounded[$0] }
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
        let mostLevered = bounded.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[$0].account < candidates[$1].account
        }
        for index in mostLevered where residual > 0 {
            let give = min(residual, extra[index])
            cuts[index] += give
            residual -= give
        }
        return cuts
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
