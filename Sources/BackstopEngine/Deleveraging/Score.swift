import BackstopCore

/// A ranking score: a signed decimal with 18 places in 128 bits, so that the small products the
/// venues' formulas make (a profit share times a margin ratio is often below 10⁻⁶) still order
/// correctly. Scores are compared, never paid. Encoded as a decimal JSON string.
public struct Score: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value times 10¹⁸.
    public var raw: Int128

    /// 10¹⁸.
    public static let scale = Int128(1_000_000_000_000_000_000)
    /// Below every real score: what ranks last.
    public static let lowest = Score(raw: -Int128(Int64.max) * scale)
    /// Above every real score: what ranks first.
    public static let highest = Score(raw: Int128(Int64.max) * scale)
    /// Zero.
    public static let zero = Score(raw: 0)

    /// Wraps a raw value.
    public init(raw: Int128) { self.raw = raw }

    /// An amount of money as a score (pro-rata and min-max rank by profit).
    public init(_ money: Money) { raw = Int128(money.raw) * (Self.scale / Int128(Money.scale)) }

    /// `numerator / denominator`, or `nil` when the denominator is not positive.
    public static func ratio(_ numerator: Money, _ denominator: Money) -> Score? {
        guard denominator.isPositive else { return nil }
        return Score(raw: FixedPointMath.divide(Int128(numerator.raw) * scale, by: Int128(denominator.raw), rounding: .down))
    }

    /// `a × b`, rounded toward zero; a product beyond the range saturates.
    public static func * (lhs: Score, rhs: Score) -> Score {
        Score(raw: multiplyDivide(lhs.raw, rhs.raw, scale))
    }

    /// `a / b` rounded toward zero, or `nil` when `b` is not positive.
    public static func / (lhs: Score, rhs: Score) -> Score? {
        guard rhs.raw > 0 else { return nil }
        return Score(raw: multiplyDivide(lhs.raw, scale, rhs.raw))
    }

    /// `a × b / c` for a positive `c` through a 256-bit product, saturating when the quotient
    /// leaves the range.
    ///
    /// When `|a × b| < 2¹²⁶` and `c ≥ 8` the 256-bit product's high half is only the sign (0 or −1),
    /// so the saturation guard below (`|high| < c / 4`, with `c / 4 ≥ 2`) always passes and the full
    /// division is the 128-bit one: the same quotient, truncated toward zero, then clamped.
    @inline(__always)
    private static func multiplyDivide(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128 {
        if c >= 8, a.magnitude.leadingZeroBitCount + b.magnitude.leadingZeroBitCount >= 130 {
            return min(max((a &* b) / c, lowest.raw), highest.raw)
        }
        let product = a.multipliedFullWidth(by: b)
        let negative = (a < 0) != (b < 0)
        // The quotient fits when the high half is well below the divisor.
        guard product.high.magnitude < UInt128(c) / 4 else { return negative ? lowest.raw : highest.raw }
        let result = c.dividingFullWidth(product).quotient
        return min(max(result, lowest.raw), highest.raw)
    }

    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.raw < rhs.raw }

    public var isPositive: Bool { raw > 0 }

    /// The shortest exact decimal text.
    public var description: String {
        let magnitude = raw.magnitude
        let whole = magnitude / UInt128(Self.scale)
        var fraction = magnitude % UInt128(Self.scale)
        let sign = raw < 0 ? "-" : ""
        guard fraction != 0 else { return sign + String(whole) }
        var digits = 18
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - text.count))\(text)"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int128(parts[0]), parts.count == 1 || parts[1].count <= 18,
              let fraction = parts.count == 2 ? Int128(parts[1] + String(repeating: "0", count: 18 - parts[1].count)) : 0
        else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a score")
        }
        raw = whole * Self.scale + (text.hasPrefix("-") ? -fraction : fraction)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
