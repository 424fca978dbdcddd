import BackstopCore

/// Funding formulas (REFERENCE section 4).
public enum FundingMath {
    /// `average premium + clamp(interest − average premium, −clamp, +clamp)`, capped at `±rateCap`.
    public static func rate(premiumSum: Int64, samples: Int64, spec: FundingSpec) -> Rate {
        let average = samples == 0
            ? Rate.zero
            : Rate(raw: FixedPointMath.narrow(
                FixedPointMath.divide(Int128(premiumSum), by: Int128(samples), rounding: .halfEven), "premium"))
        let clamp = spec.premiumClamp
        let adjustment = min(max(spec.interestRate - average, -clamp), clamp)
        return min(max(average + adjustment, -spec.rateCap), spec.rateCap)
    }

    /// Splits `total` in proportion to `weights`: each share is floored, and the units left over go one
    /// each to the largest remainders (ties to the earlier weight). The shares sum to `total` exactly.
    public static func shareByLargestRemainder(_ total: Money, weights: [Int64]) -> [Money] {
        let weightSum = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard weightSum > 0 else { return weights.map { _ in .zero } }
        var shares: [Int64] = []
        var remainders: [(index: Int, remainder: Int128)] = []
        var distributed = Int128(0)
        for (index, weight) in weights.enumerated() {
            let product = Int128(total.raw) * Int128(weight)
            let share = product / weightSum
            shares.append(Int64(share))
            remainders.append((index, product % weightSum))
            distributed += share
        }
        var leftover = Int(Int128(total.raw) - distributed)
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in remainders where leftover > 0 {
            shares[entry.index] += 1
            leftover -= 1
        }
        return shares.map(Money.init(raw:))
    }
}
