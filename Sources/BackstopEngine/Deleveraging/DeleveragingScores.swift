import BackstopCore

/// Exact ratios for ranking, as `Rate`s rounded down.
enum DeleveragingScores {
    /// `numerator / denominator`, or `nil` when the denominator is not positive.
    static func ratio(_ numerator: Money, _ denominator: Money) -> Rate? {
        guard denominator.isPositive else { return nil }
        return Rate(raw: clamp(FixedPointMath.divide(
            Int128(numerator.raw) * Int128(Rate.scale), by: Int128(denominator.raw), rounding: .down)))
    }

    /// `a × b` for two rates.
    static func product(_ a: Rate, _ b: Rate) -> Rate {
        Rate(raw: clamp(FixedPointMath.divide(Int128(a.raw) * Int128(b.raw), by: Int128(Rate.scale), rounding: .down)))
    }

    /// `a / b` for two rates, or `nil` when `b` is not positive.
    static func quotient(_ a: Rate, _ b: Rate) -> Rate? {
        guard b.isPositive else { return nil }
        return Rate(raw: clamp(FixedPointMath.divide(Int128(a.raw) * Int128(Rate.scale), by: Int128(b.raw), rounding: .down)))
    }

    /// Scores are compared, never paid: a ratio beyond `Int64` saturates instead of trapping.
    private static func clamp(_ value: Int128) -> Int64 {
        Int64(exactly: value) ?? (value > 0 ? .max : .min)
    }
}
