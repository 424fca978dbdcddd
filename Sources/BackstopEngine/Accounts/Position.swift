import BackstopCore

/// An account's position and settings in one market.
public struct Position: Hashable, Sendable, Codable {
    /// The market's index in the engine.
    public let market: Int
    /// Signed size: positive long, negative short.
    public internal(set) var quantity: Quantity = .zero
    /// Signed exact value paid to open the position (`quantity × entry price`), zero when flat.
    public internal(set) var cost: Money = .zero
    /// The leverage used for initial margin.
    public internal(set) var leverage: Int
    /// Cross or isolated.
    public internal(set) var marginMode: MarginMode = .cross
    /// The isolated position's own balance, in settlement form (zero for cross).
    public internal(set) var isolatedCash: Money = .zero
    /// Open orders of the account in this market, oldest first.
    public internal(set) var openOrders: [OrderID] = []
    /// Resting buy orders that are not reduce-only.
    public internal(set) var buyOrders = OrderTotals()
    /// Resting sell orders that are not reduce-only.
    public internal(set) var sellOrders = OrderTotals()
    /// Bad debt left on this isolated balance that no fund could cover, as reported in ``BadDebt`` events.
    public internal(set) var reportedShortfall: Money = .zero
    /// True while the rest of this position waits for auto-deleveraging.
    public internal(set) var awaitingDeleveraging = false
    /// Tells the liquidation index's current entry for this position from stale ones.
    var triggerVersion: UInt32 = 0
    /// True while the liquidation index holds a current entry for this position.
    var hasTrigger = false
    /// True while the account is listed among the market's multi-market cross accounts.
    var listedAsMultiMarket = false

    init(market: Int, leverage: Int) {
        self.market = market
        self.leverage = leverage
    }

    /// The entry price, or `nil` when flat.
    public var entryPrice: Price? { MarginMath.entryPrice(quantity: quantity, cost: cost) }

    /// Binance's isolated wallet: the isolated balance plus the cost (zero for cross).
    public var isolatedWallet: Money { marginMode == .isolated ? isolatedCash + cost : .zero }

    /// True when the slot holds nothing: no size, no orders, no isolated balance.
    public var isIdle: Bool { quantity.isZero && openOrders.isEmpty && isolatedCash.isZero }

    /// How much of an order on `side` would reduce this position.
    func reducible(by side: Side) -> Quantity { exposure.reducible(by: side) }

    /// Initial margin reserved for resting orders (``PositionExposure/orderMargin``).
    var orderMargin: Money { exposure.orderMargin }

    /// Initial margin reserved for resting orders, as Binance's `openOrderInitialMargin` shows it.
    public var openOrderInitialMargin: Money { orderMargin }
}

/// Quantity and value of one side's resting orders in a market.
public struct OrderTotals: Hashable, Sendable, Codable {
    /// Unfilled quantity.
    public internal(set) var quantity: Quantity = .zero
    /// Unfilled value at the orders' prices, each order's rounded up.
    public internal(set) var value: Money = .zero

    /// The value of the part beyond `reducible`, pro-rata to quantity, rounded up.
    func openingValue(beyond reducible: Quantity) -> Money {
        guard quantity > reducible else { return .zero }
        // With nothing to reduce every order opens, and the pro-rata share is the whole value exactly.
        guard !reducible.isZero else { return value }
        let opening = quantity - reducible
        return value.fraction(opening.raw, of: quantity.raw, rounding: .up)
    }

    /// Moves one order's unfilled quantity from `old` to `new`, keeping `value` the exact sum of
    /// each order's rounded contribution.
    mutating func change(from old: Quantity, to new: Quantity, at price: Price) {
        quantity += new - old
        // Resting and leaving the book move from or to nothing, whose value needs no arithmetic.
        let newValue = new.isZero ? Money.zero : new.value(at: price, rounding: .up)
        let oldValue = old.isZero ? Money.zero : old.value(at: price, rounding: .up)
        value += newValue - oldValue
    }
}
