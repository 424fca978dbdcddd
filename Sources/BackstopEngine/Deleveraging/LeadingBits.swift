/// A bound on a non-negative real number from its leading 32 bits: `significand × 2^exponent`, with
/// the significand between 2³¹ and 2³² − 1, or zero for zero. A prefilter's arithmetic, in integers:
/// it compares products of wide integers without computing them beyond 64 bits.
///
/// Every constructor and operation names its rounding direction. Rounded ``Direction/up`` the result
/// is at or above the exact value `x`, and below `x (1 + 2⁻³¹)`; rounded ``Direction/down`` it is at
/// or below `x`, and above `x (1 − 2⁻³¹)`: the 32 bits kept start with a set bit, so the bits dropped
/// (or the one unit added to the last place kept) are less than `2⁻³¹` of the value. A bound built by
/// `k` roundings in one direction from exact integers is therefore on that side of the exact result
/// and within a factor `(1 ± 2⁻³¹)ᵏ` of it. Zero is exact.
///
/// Bounds compare as the numbers they stand for, and so do their ``key``s as `UInt64`s. Exponents stay
/// within a few hundred of zero for the values used here, far inside the ±2³⁰ the key holds.
struct LeadingBits: Comparable, CustomStringConvertible {
    /// Which side of the exact value a rounding lands on.
    enum Direction {
        /// At or above the exact value.
        case up
        /// At or below the exact value.
        case down
    }

    /// Between 2³¹ and 2³² − 1, or 0 for zero.
    let significand: UInt64
    /// The power of two the significand is scaled by (`−bias` for zero).
    let exponent: Int

    /// Zero, exactly.
    static let zero = LeadingBits(significand: 0, exponent: -bias)
    /// What ``key`` adds to the exponent so that it is positive.
    private static let bias = 1 << 30

    private init(significand: UInt64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// The bound whose ``key`` this is.
    init(key: UInt64) {
        self = key == 0 ? .zero : LeadingBits(significand: key & 0xFFFF_FFFF, exponent: Int(key >> 32) - Self.bias)
    }

    /// `value × 2^exponent`, rounded. Without a branch: the value is shifted until its leading bit is
    /// the word's first, the top 32 bits kept, and one added when rounding up drops a set bit.
    @inline(__always)
    init(_ value: UInt64, exponent: Int = 0, rounding: Direction) {
        let zeros = value.leadingZeroBitCount
        // Zero stays zero: a shift by 64 is masked to none.
        let aligned = value &<< UInt64(zeros)
        var significand = aligned >> 32
        var scale = exponent + 32 - zeros
        if rounding == .up {
            significand += aligned & 0xFFFF_FFFF != 0 ? 1 : 0
            // 2³² after the carry: the same value as 2³¹ one power of two higher.
            let carry = significand >> 32
            significand >>= carry
            scale += Int(carry)
        }
        self.init(significand: significand, exponent: significand == 0 ? -Self.bias : scale)
    }

    /// `value`, rounded, as ``init(_:exponent:rounding:)`` rounds its top 64 bits with the lowest one
    /// set when any bit below them is (that bit is dropped anyway, and tells rounding up that the
    /// value is not exact).
    @inline(__always)
    init(_ value: UInt128, rounding: Direction) {
        let high = UInt64(truncatingIfNeeded: value >> 64)
        let low = UInt64(truncatingIfNeeded: value)
        let shift = high == 0 ? 0 : UInt64(64 - high.leadingZeroBitCount)
        let top = UInt64(truncatingIfNeeded: value &>> shift)
        let sticky: UInt64 = shift != 0 && low &<< (64 - shift) != 0 ? 1 : 0
        self.init(top | sticky, exponent: Int(shift), rounding: rounding)
    }

    /// `self × other`, rounded.
    @inline(__always)
    func times(_ other: LeadingBits, rounding: Direction) -> LeadingBits {
        LeadingBits(significand &* other.significand, exponent: exponent + other.exponent, rounding: rounding)
    }

    /// `self / divisor` for a positive divisor, rounded.
    func divided(by divisor: LeadingBits, rounding: Direction) -> LeadingBits {
        precondition(divisor.significand != 0, "division by zero")
        // Below 2⁶⁴ over at least 2³¹: a quotient below 2³³, then rounded to 32 bits.
        // (The quotient rounded up, when it is not exact, is the truncated one plus one.)
        let (quotient, remainder) = (significand << 32).quotientAndRemainder(dividingBy: divisor.significand)
        let rounded = rounding == .up && remainder != 0 ? quotient + 1 : quotient
        return LeadingBits(rounded, exponent: exponent - divisor.exponent - 32, rounding: rounding)
    }

    /// The largest integer at or below the bound, or `limit` when that is larger.
    func integer(atMost limit: UInt128) -> UInt128 {
        guard significand != 0 else { return 0 }
        if exponent <= 0 { return min(UInt128(significand >> UInt64(min(-exponent, 63))), limit) }
        guard exponent < 128 - 32 else { return limit }
        return min(UInt128(significand) << exponent, limit)
    }

    /// A key in the order of the numbers: the biased exponent above the significand; zero for zero.
    @inline(__always)
    var key: UInt64 { significand == 0 ? 0 : UInt64(exponent + Self.bias) << 32 | significand }

    static func < (lhs: LeadingBits, rhs: LeadingBits) -> Bool { lhs.key < rhs.key }

    static func == (lhs: LeadingBits, rhs: LeadingBits) -> Bool { lhs.key == rhs.key }

    var description: String { "\(significand) × 2^\(exponent)" }
}
