import BackstopCore

/// The fixed-point products that deleveraging computes for every candidate, exact and without a
/// 128-bit division: the value of a size at a price and a margin at a rate, as
/// `Quantity.value(at:rounding:)` and `FixedPointDecimal.times(_:rounding:)` give them.
///
/// `⌊a × b / d⌋` starts from the floating-point estimate `ã·b̃/d̃`, within five roundings of `2⁻⁵³`,
/// so below 2⁵⁰ it is less than 1.625 from the exact quotient; the remainder `a × b − q × d` is then
/// below `2d` in magnitude, and 64-bit arithmetic (exact modulo 2⁶⁴) gives it exactly, which
/// corrects `q` to the floor. Beyond 2⁵⁰ the callers use the 128-bit functions themselves.
struct ExactValue {
    /// `Quantity.scale × Price.scale / Money.scale`.
    let valueScale = Int64(Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale))
    /// `Rate.scale`.
    let rateScale = Rate.scale

    /// The scales, read once.
    static let standard = ExactValue()

    /// `⌊a × b / d⌋` and its remainder, for `d` positive; `nil` when the quotient may be 2⁵⁰ or more.
    @inline(__always)
    func floorQuotient(_ a: Int64, _ b: Int64, _ d: Int64) -> (quotient: Int64, remainder: Int64)? {
        let estimate = Double(a) * Double(b) / Double(d)
        guard estimate.magnitude < 0x1p50 else { return nil }
        var quotient = Int64(estimate)
        var remainder = a &* b &- quotient &* d
        while remainder < 0 {
            quotient -= 1
            remainder += d
        }
        while remainder >= d {
            quotient += 1
            remainder -= d
        }
        return (quotient, remainder)
    }

    /// `quantity.value(at: price, rounding: .down)`.
    @inline(__always)
    func valueDown(_ quantity: Quantity, at price: Price) -> Money {
        guard let value = floorQuotient(quantity.raw, price.raw, valueScale) else {
            return quantity.value(at: price, rounding: .down)
        }
        return Money(raw: value.quotient)
    }

    /// `quantity.value(at: price, rounding: .up)`.
    @inline(__always)
    func valueUp(_ quantity: Quantity, at price: Price) -> Money {
        guard let value = floorQuotient(quantity.raw, price.raw, valueScale) else {
            return quantity.value(at: price, rounding: .up)
        }
        return Money(raw: value.remainder > 0 ? value.quotient + 1 : value.quotient)
    }

    /// `MarginMath.notional(quantity, at: price)`: `|quantity| × price`, rounded up.
    @inline(__always)
    func notional(_ quantity: Quantity, at price: Price) -> Money {
        guard let value = floorQuotient(quantity.magnitude.raw, price.raw, valueScale) else {
            return MarginMath.notional(quantity, at: price)
        }
        return Money(raw: value.remainder > 0 ? value.quotient + 1 : value.quotient)
    }

    /// `MarginMath.maintenanceMargin(notional:tier:)`: `notional × MMR − cum`, the product rounded
    /// up, never negative.
    @inline(__always)
    func maintenanceMargin(notional: Money, tier: RiskTier) -> Money {
        guard let product = floorQuotient(notional.raw, tier.maintenanceMarginRate.raw, rateScale) else {
            return MarginMath.maintenanceMargin(notional: notional, tier: tier)
        }
        let margin = Money(raw: product.remainder > 0 ? product.quotient + 1 : product.quotient) - tier.maintenanceAmount
        return margin.isNegative ? .zero : margin
    }
}
