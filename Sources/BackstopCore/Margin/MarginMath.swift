/// Margin formulas of REFERENCE sections 1 and 2 as pure functions.
///
/// Positions are described the way the engine stores them: a signed quantity `q` (long > 0) and a
/// signed `cost`, the exact sum of the signed notionals of the fills that opened it (`q × entry price`).
/// Every requirement rounds against the account.
public enum MarginMath {
    /// Notional `|q| × price`, rounded up (requirements are computed from it).
    @inlinable
    public static func notional(_ quantity: Quantity, at price: Price) -> Money {
        quantity.magnitude.value(at: price, rounding: .up)
    }

    /// The signed value `q × mark` of a position, rounded down (against the holder, long or short).
    @inlinable
    public static func markValue(_ quantity: Quantity, at mark: Price) -> Money {
        quantity.value(at: mark, rounding: .down)
    }

    /// Unrealized profit and loss `q × mark − cost`, rounded against the holder.
    @inlinable
    public static func unrealizedPnL(quantity: Quantity, cost: Money, mark: Price) -> Money {
        markValue(quantity, at: mark) - cost
    }

    /// The entry price `cost / q`, rounded half-even, or `nil` for a flat position.
    @inlinable
    public static func entryPrice(quantity: Quantity, cost: Money) -> Price? {
        quantity.isZero ? nil : cost.price(per: quantity, rounding: .halfEven)
    }

    /// Initial margin `notional / leverage`, rounded up.
    @inlinable
    public static func initialMargin(notional: Money, leverage: Int) -> Money {
        precondition(leverage >= 1, "leverage must be at least 1")
        return notional.divided(by: Int64(leverage), rounding: .up)
    }

    /// Maintenance margin `notional × MMR − cum` of the tier holding `notional`, rounded up, never negative.
    @inlinable
    public static func maintenanceMargin(notional: Money, spec: MarketSpec) -> Money {
        maintenanceMargin(notional: notional, tier: spec.tier(forNotional: notional))
    }

    /// Maintenance margin `notional × MMR − cum` with a given tier, rounded up, never negative.
    @inlinable
    public static func maintenanceMargin(notional: Money, tier: RiskTier) -> Money {
        let margin = notional.times(tier.maintenanceMarginRate, rounding: .up) - tier.maintenanceAmount
        return margin.isNegative ? .zero : margin
    }

    /// The mark price at which equity equals maintenance margin, with tier recomputation (Binance).
    ///
    /// - Parameters:
    ///   - quantity: the signed position size.
    ///   - collateral: what backs the position apart from its own value: for isolated margin
    ///     `margin − cost`; for cross `cash + value of the other positions − their maintenance margin`.
    ///   - spec: the market, for its tiers.
    /// - Returns: the price, rounded toward the side that liquidates earlier, or `nil` when no positive
    ///   price liquidates the position (or it is flat).
    public static func liquidationPrice(quantity: Quantity, collateral: Money, spec: MarketSpec) -> Price? {
        liquidationPrice(quantity: quantity, collateral: collateral, tiers: spec.riskTiers)
    }

    /// The liquidation price with tier recomputation over a market's tiers (lowest first), for
    /// callers that hold the tiers without the whole spec.
    public static func liquidationPrice(quantity: Quantity, collateral: Money, tiers: [RiskTier]) -> Price? {
        guard !quantity.isZero else { return nil }
        var tier = tiers[0]
        var price: Price?
        for _ in 0...tiers.count {
            price = liquidationPrice(quantity: quantity, collateral: collateral, tier: tier)
            guard let candidate = price else { return nil }
            let candidateTier = tiers.tier(forNotional: notional(quantity, at: candidate))
            if candidateTier == tier { break }
            tier = candidateTier
        }
        return price
    }

    /// The liquidation price with a given tier: long `(−K − cum) / (q × (1 − MMR))`,
    /// short `(K + cum) / (|q| × (1 + MMR))` where `K` is the collateral.
    public static func liquidationPrice(quantity: Quantity, collateral: Money, tier: RiskTier) -> Price? {
        guard !quantity.isZero else { return nil }
        let valueScale = Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale)
        let isLong = quantity.isPositive
        let numerator = isLong
            ? -Int128(collateral.raw) - Int128(tier.maintenanceAmount.raw)
            : Int128(collateral.raw) + Int128(tier.maintenanceAmount.raw)
        let rateFactor = isLong
            ? Int128(Rate.scale) - Int128(tier.maintenanceMarginRate.raw)
            : Int128(Rate.scale) + Int128(tier.maintenanceMarginRate.raw)
        guard numerator > 0, rateFactor > 0 else { return nil }
        let raw = FixedPointMath.divide(
            numerator * valueScale * Int128(Rate.scale),
            by: Int128(quantity.magnitude.raw) * rateFactor,
            rounding: isLong ? .up : .down)
        guard let price = Int64(exactly: raw), price > 0 else { return nil }
        return Price(raw: price)
    }

    /// The mark price at which equity is zero: long `−K / q`, short `K / |q|`.
    ///
    /// Rounded in favour of solvency (up for a long, down for a short), so that a close at this
    /// price never leaves the account below zero. `nil` when no positive price bankrupts the position.
    public static func bankruptcyPrice(quantity: Quantity, collateral: Money) -> Price? {
        guard !quantity.isZero else { return nil }
        let numerator = quantity.isPositive ? -collateral : collateral
        guard numerator.isPositive else { return nil }
        let price = numerator.price(per: quantity.magnitude, rounding: quantity.isPositive ? .up : .down)
        return price.isPositive ? price : nil
    }

    /// The collateral `K` of an isolated position: its margin minus its cost.
    @inlinable
    public static func isolatedCollateral(margin: Money, cost: Money) -> Money { margin - cost }
}
