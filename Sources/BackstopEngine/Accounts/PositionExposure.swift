import BackstopCore

/// What margin checks need of a position: its size, its leverage and its resting orders' totals.
///
/// A plain value without the position's order list, so that a check can copy it, change it and
/// compare the two without reference counting.
struct PositionExposure {
    /// The market's index in the engine.
    var market: Int
    /// Signed size: positive long, negative short.
    var quantity: Quantity
    /// The leverage used for initial margin.
    var leverage: Int
    /// Resting buy orders that are not reduce-only.
    var buyOrders: OrderTotals
    /// Resting sell orders that are not reduce-only.
    var sellOrders: OrderTotals

    /// How much of an order on `side` would reduce the position.
    func reducible(by side: Side) -> Quantity {
        switch side {
        case .buy: quantity.isNegative ? quantity.magnitude : .zero
        case .sell: quantity.isPositive ? quantity : .zero
        }
    }

    /// Initial margin reserved for resting orders: the larger side's opening value over leverage.
    ///
    /// Orders that would only reduce the position (up to its size) reserve nothing; the opening
    /// part of a side is valued at its orders' average price.
    var orderMargin: Money {
        let buyOpening = buyOrders.openingValue(beyond: reducible(by: .buy))
        let sellOpening = sellOrders.openingValue(beyond: reducible(by: .sell))
        return MarginMath.initialMargin(notional: max(buyOpening, sellOpening), leverage: leverage)
    }

    /// The size the position would reach if every resting order on its larger side filled.
    var reach: Quantity {
        max((quantity + buyOrders.quantity).magnitude, (quantity - sellOrders.quantity).magnitude)
    }

    /// Moves one order's reservation on `side` from `old` to `new` unfilled quantity.
    mutating func changeReservation(_ side: Side, from old: Quantity, to new: Quantity, at price: Price) {
        if side == .buy {
            buyOrders.change(from: old, to: new, at: price)
        } else {
            sellOrders.change(from: old, to: new, at: price)
        }
    }
}

extension Position {
    /// The position's size, leverage and order totals as a plain value.
    var exposure: PositionExposure {
        PositionExposure(
            market: market, quantity: quantity, leverage: leverage, buyOrders: buyOrders, sellOrders: sellOrders)
    }
}
