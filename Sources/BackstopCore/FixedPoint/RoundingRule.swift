/// The direction in which an inexact result is rounded.
///
/// Every operation that can lose precision takes a rounding rule chosen at the call site, so that a
/// reader sees who the rounding favours. Requirements (margin, fees owed, bankruptcy prices) round
/// against the account and in favour of the venue's solvency.
public enum RoundingRule: String, Sendable, Codable, CaseIterable {
    /// Toward zero (truncation): 1.7 → 1, -1.7 → -1.
    case towardZero
    /// Away from zero: 1.2 → 2, -1.2 → -2.
    case awayFromZero
    /// Toward negative infinity: 1.7 → 1, -1.2 → -2.
    case down
    /// Toward positive infinity: 1.2 → 2, -1.7 → -1.
    case up
    /// To the nearest value, ties to the even neighbour (banker's rounding): 2.5 → 2, 3.5 → 4.
    case halfEven
}

/// Exact integer helpers that every fixed-point type is built from.
public enum FixedPointMath {
    /// Powers of ten that fit in `Int64`, indexed by exponent.
    public static let powersOfTen: [Int64] = (0...18).map { exponent in
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Divides `numerator` by `denominator` and rounds the quotient as `rule` says, in the width of
    /// the operands (`Int64` where the values allow it, `Int128` for wide products).
    ///
    /// - Precondition: `denominator` is not zero, and the quotient fits (only `T.min / -1` does not).
    @inlinable
    public static func divide<T: FixedWidthInteger & SignedInteger>(
        _ numerator: T, by denominator: T, rounding rule: RoundingRule
    ) -> T {
        precondition(denominator != 0, "division by zero")
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        if remainder == 0 { return quotient }
        let negative = (numerator < 0) != (denominator < 0)
        switch rule {
        case .towardZero:
            return quotient
        case .awayFromZero:
            return negative ? quotient - 1 : quotient + 1
        case .down:
            return negative ? quotient - 1 : quotient
        case .up:
            return negative ? quotient : quotient + 1
        case .halfEven:
            // |remainder| < |denominator| ≤ 2^(bits − 1), so twice it fits in the unsigned magnitude.
            let twiceRemainder = remainder.magnitude * 2
            let divisor = denominator.magnitude
            let roundAway: Bool
            if twiceRemainder > divisor {
                roundAway = true
            } else if twiceRemainder < divisor {
                roundAway = false
            } else {
                roundAway = quotient % 2 != 0
            }
            guard roundAway else { return quotient }
            return negative ? quotient - 1 : quotient + 1
        }
    }

    /// Computes `a × b / c` exactly and rounds as `rule` says, in 64-bit arithmetic wherever the
    /// operands allow it: directly when the product fits (checked exactly); by splitting both factors
    /// at the divisor when it is small (a notional: a price times a quantity over their scale); through
    /// a 128-bit intermediate otherwise.
    ///
    /// - Precondition: `c` is not zero.
    ///
    /// Always inlined: callers pass constant scales, and the divisions by them then compile to
    /// multiplications.
    @inlinable @inline(__always)
    public static func scaledProduct(_ a: Int64, _ b: Int64, over c: Int64, rounding rule: RoundingRule) -> Int128 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        // Int64.min / −1 is the one 64-bit quotient that does not fit; the paths below take it.
        if !overflow, product != .min {
            return Int128(divide(product, by: c, rounding: rule))
        }
        guard let (quotient, remainder) = splitQuotient(a.magnitude, b.magnitude, over: c.magnitude) else {
            return divide(Int128(a) * Int128(b), by: Int128(c), rounding: rule)
        }
        // The product is not zero here (it overflowed), so the result's sign is the operands' signs.
        let negative = ((a < 0) != (b < 0)) != (c < 0)
        let magnitude = Int128(quotient) + (roundsAway(quotient, remainder, c.magnitude, negative: negative, rule) ? 1 : 0)
        return negative ? -magnitude : magnitude
    }

    /// `a × b / c` of magnitudes, truncated, with its remainder, for a divisor below 2^31.5: with
    /// `a = a₁c + a₀` and `b = b₁c + b₀`, `a × b / c = a₁b + a₀b₁ + a₀b₀ / c`, where `a₀b₀ < c²` fits in
    /// 64 bits and `a₀b₁ < b`. `nil` when the divisor is larger or the quotient does not fit.
    @inlinable @inline(__always)
    static func splitQuotient(_ a: UInt64, _ b: UInt64, over c: UInt64) -> (quotient: UInt64, remainder: UInt64)? {
        guard c != 0, c <= 3_037_000_499 else { return nil }
        let (a1, a0) = a.quotientAndRemainder(dividingBy: c)
        let (b1, b0) = b.quotientAndRemainder(dividingBy: c)
        let (low, remainder) = (a0 * b0).quotientAndRemainder(dividingBy: c)
        let (whole, overflow) = a1.multipliedReportingOverflow(by: b)
        let (partial, carry) = whole.addingReportingOverflow(a0 * b1)
        let (quotient, lastCarry) = partial.addingReportingOverflow(low)
        guard !overflow, !carry, !lastCarry else { return nil }
        return (quotient, remainder)
    }

    /// Whether a quotient of magnitudes, truncated with `remainder` left over, rounds away from zero
    /// under `rule` for a result of the given sign.
    @inlinable
    static func roundsAway(
        _ quotient: UInt64, _ remainder: UInt64, _ divisor: UInt64, negative: Bool, _ rule: RoundingRule
    ) -> Bool {
        guard remainder != 0 else { return false }
        switch rule {
        case .towardZero: return false
        case .awayFromZero: return true
        case .down: return negative
        case .up: return !negative
        case .halfEven:
            // Twice the remainder against the divisor, without doubling past 64 bits.
            let rest = divisor - remainder
            return remainder > rest || (remainder == rest && quotient % 2 != 0)
        }
    }

    /// Computes `a × b / c` exactly and rounds as `rule` says.
    ///
    /// - Returns: the result, or `nil` when it does not fit in `Int64`.
    @inlinable
    public static func multiplyDivide(_ a: Int64, _ b: Int64, _ c: Int64, rounding rule: RoundingRule) -> Int64? {
        Int64(exactly: scaledProduct(a, b, over: c, rounding: rule))
    }

    /// `10^exponent`, folded to a constant when the exponent is one.
    @inlinable
    public static func powerOfTen(_ exponent: Int) -> Int64 {
        precondition(exponent >= 0 && exponent <= 18, "10^\(exponent) does not fit in Int64")
        var value: Int64 = 1
        for _ in 0..<exponent { value &*= 10 }
        return value
    }

    /// Narrows a 128-bit value to `Int64`, trapping with a clear message on overflow.
    @inlinable
    public static func narrow(_ value: Int128, _ what: StaticString) -> Int64 {
        guard let narrowed = Int64(exactly: value) else {
            preconditionFailure("fixed-point overflow in \(what)")
        }
        return narrowed
    }
}
