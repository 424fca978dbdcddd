/// The raw units of `quantity × price` per raw unit of money: `10^(q + p − m)` decimals.
@inlinable
var valueScale: Int64 { FixedPointMath.powerOfTen(Quantity.decimals + Price.decimals - Money.decimals) }

extension Quantity {
    /// The value of this quantity at `price`: `quantity × price`, keeping the sign of the quantity.
    @inlinable
    public func value(at price: Price, rounding: RoundingRule) -> Money {
        Money(raw: FixedPointMath.narrow(
            FixedPointMath.scaledProduct(raw, price.raw, over: valueScale, rounding: rounding), "notional"))
    }

    /// The value, or `nil` if it does not fit in `Money`.
    @inlinable
    public func valueIfRepresentable(at price: Price, rounding: RoundingRule) -> Money? {
        Int64(exactly: FixedPointMath.scaledProduct(raw, price.raw, over: valueScale, rounding: rounding))
            .map(Money.init(raw:))
    }
}

extension Money {
    /// The price at which `quantity` is worth this amount: `money / quantity`.
    ///
    /// - Precondition: `quantity` is not zero.
    @inlinable
    public func price(per quantity: Quantity, rounding: RoundingRule) -> Price {
        Price(raw: FixedPointMath.narrow(
            FixedPointMath.scaledProduct(raw, valueScale, over: quantity.raw, rounding: rounding),
            "price per quantity"))
    }

    /// The quantity worth this amount at `price`: `money / price`.
    ///
    /// - Precondition: `price` is not zero.
    @inlinable
    public func quantity(at price: Price, rounding: RoundingRule) -> Quantity {
        Quantity(raw: FixedPointMath.narrow(
            FixedPointMath.scaledProduct(raw, valueScale, over: price.raw, rounding: rounding),
            "quantity at price"))
    }

    /// This amount as a fraction of `whole`: `self / whole` as a rate.
    ///
    /// - Precondition: `whole` is not zero.
    @inlinable
    public func ratio(to whole: Money, rounding: RoundingRule) -> Rate {
        Rate(raw: FixedPointMath.narrow(
            FixedPointMath.scaledProduct(raw, Rate.scale, over: whole.raw, rounding: rounding), "ratio"))
    }
}

extension Price {
    /// The relative distance `(self - reference) / reference` as a rate, saturating at the ends of
    /// `Rate`'s range (a price a trillion times another is as far as any).
    ///
    /// - Precondition: `reference` is positive.
    @inlinable
    public func relativeChange(from reference: Price, rounding: RoundingRule) -> Rate {
        let change = FixedPointMath.divide(
            (Int128(raw) - Int128(reference.raw)) * Int128(Rate.scale), by: Int128(reference.raw), rounding: rounding)
        return Rate(raw: Int64(exactly: change) ?? (change > 0 ? .max : -Int64.max))
    }
}
