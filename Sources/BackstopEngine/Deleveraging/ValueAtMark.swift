import BackstopCore

/// The value at a mark of a positive raw size, `N = ⌊s·m / V⌋` (``Quantity/value(at:rounding:)``
/// rounding down, with `V = 10⁸` the value scale), bounded and then computed exactly with 64-bit
/// multiplications and no division.
///
/// With `k = ⌊m·2ᵗ / V⌋ + 1` (so `m·2ᵗ / V < k ≤ m·2ᵗ / V + 1`) and `t` chosen so that `k < 2⁶³`,
/// `N⁺ = ⌊s·k / 2ᵗ⌋` is at least `N`, and at most `⌊s / 2ᵗ⌋ + 1` above it (since `s·k / 2ᵗ` exceeds
/// `s·m / V` by at most `s / 2ᵗ`). `s·k / 2ᵗ` is the high word of `(s·2ᵘ)·k` shifted right by `w`,
/// with `u − w = 64 − t`, so that no 128-bit shift is needed. When `s < 2ᵗ` the exact `N` is `N⁺` or
/// `N⁺ − 1`, whichever `N·V ≤ s·m` admits.
struct ValueAtMark {
    /// `k`.
    let factor: UInt64
    /// `u = max(0, 64 − t)`.
    let sizeShift: UInt64
    /// `w = max(0, t − 64)`.
    let valueShift: UInt64
    /// `min(t, 63)`: `s >> (this)` is `⌊s / 2ᵗ⌋` for any size below 2⁶³.
    let errorShift: UInt64
    /// The sizes handled are below this, `2^(63 − u)` (or `Int64.max`), so that `s·2ᵘ` fits.
    let sizeLimit: Int64
    /// The mark, raw.
    let mark: UInt64
    /// `V`.
    let valueScale: UInt64

    /// The largest value (2⁶²) handled.
    static let limit: Int64 = 1 << 62

    /// The valuation at a mark, or `nil` when the mark is not positive.
    init?(mark: Price) {
        guard mark.isPositive else { return nil }
        let valueScale = UInt64(Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale))
        let mark = UInt64(mark.raw)
        // `m·2ᵗ / V < 2^(length of m + t − length of V + 1) ≤ 2⁶²`.
        let shift = 61 - (64 - mark.leadingZeroBitCount) + (64 - valueScale.leadingZeroBitCount)
        factor = UInt64((UInt128(mark) << shift) / UInt128(valueScale) + 1)
        sizeShift = UInt64(max(0, 64 - shift))
        valueShift = UInt64(max(0, shift - 64))
        errorShift = UInt64(min(shift, 63))
        sizeLimit = shift >= 64 ? .max : Int64(1) << (shift - 1)
        self.mark = mark
        self.valueScale = valueScale
    }

    /// `N⁺`, at or above the value and at most `⌊s / 2ᵗ⌋ + 1` above it, for a size from 0 to below
    /// ``sizeLimit``; clamped to ``limit``, which marks a value that is not handled.
    @inline(__always)
    func upper(_ size: Int64) -> Int64 {
        let high = (UInt64(truncatingIfNeeded: size) &<< sizeShift).multipliedFullWidth(by: factor).high
        return Int64(truncatingIfNeeded: min(high &>> valueShift, UInt64(Self.limit)))
    }

    /// `N⁻ = N⁺ − ⌊s / 2ᵗ⌋ − 1`, at or below the value of `size`, from its ``upper(_:)``.
    @inline(__always)
    func lower(_ size: Int64, upper: Int64) -> Int64 { upper - (size &>> errorShift) - 1 }

    /// The exact value of `size`, as ``Quantity/value(at:rounding:)`` rounding down gives it.
    @inline(__always)
    func value(_ size: Int64) -> Int64 {
        let upper = upper(size)
        guard size >= 0, size < sizeLimit, size &>> errorShift == 0, upper < Self.limit else {
            return Quantity(raw: size).value(at: Price(raw: Int64(mark)), rounding: .down).raw
        }
        let exact = UInt128(UInt64(upper), times: valueScale) <= UInt128(UInt64(size), times: mark)
        return exact ? upper : upper - 1
    }
}

extension UInt128 {
    /// `a × b`, exactly, with one 64-bit multiplication (a checked 128-bit product costs several).
    @inline(__always)
    init(_ a: UInt64, times b: UInt64) {
        let (high, low) = a.multipliedFullWidth(by: b)
        self = UInt128(high) &<< 64 | UInt128(low)
    }
}
