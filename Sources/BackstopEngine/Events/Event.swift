import BackstopCore

/// What the engine did in answer to a command. As JSON, one flat object with a `type`.
public enum Event: Hashable, Sendable {
    case marketCreated(MarketCreated)
    case deposited(BalanceMoved)
    case withdrawn(BalanceMoved)
    case leverageSet(LeverageSet)
    case marginModeSet(MarginModeSet)
    case isolatedMarginAdjusted(IsolatedMarginAdjusted)
    case orderAccepted(OrderAccepted)
    case trade(Trade)
    case orderClosed(OrderClosed)
    case orderAmended(OrderAmended)
    case markPriceUpdated(MarkPriceUpdated)
    case fundingSettled(FundingSettled)
    case fundingPaid(FundingPaid)
    case insuranceFundCreated(InsuranceFundCreated)
    case insuranceFundChanged(InsuranceFundEntry)
    case liquidationStarted(LiquidationStarted)
    case liquidationStep(LiquidationStep)
    case liquidationFeeCharged(LiquidationFeeCharged)
    case fundTakeover(FundTakeover)
    case fundRefused(FundRefused)
    case deleveragingRequested(DeleveragingRequest)
    case deleveraged(DeleveragingRound)
    case vaultTakeover(VaultTakeover)
    case liquidationEnded(LiquidationEnded)
    case badDebt(BadDebt)
    case rejected(Rejection)
}

/// A market was listed.
public struct MarketCreated: Hashable, Sendable, Codable {
    public var symbol: String
}

/// Money entered or left an account's cross balance from outside the venue.
public struct BalanceMoved: Hashable, Sendable, Codable {
    public var account: AccountID
    public var amount: Money
    /// The account's wallet balance afterwards (cross, Binance's `walletBalance`).
    public var walletBalance: Money
}

/// An account's leverage in a market changed.
public struct LeverageSet: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var leverage: Int
}

/// An account's margin mode in a market changed.
public struct MarginModeSet: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var mode: MarginMode
}

/// Margin moved between the cross balance and an isolated position.
public struct IsolatedMarginAdjusted: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    /// Positive: into the position; negative: back to the cross balance.
    public var amount: Money
    /// The position's isolated wallet afterwards (Binance's `isolatedWallet`).
    public var isolatedWallet: Money
}

/// An order passed every check and entered the engine.
public struct OrderAccepted: Hashable, Sendable, Codable {
    public var orderId: OrderID
    public var account: AccountID
    public var symbol: String
    public var side: Side
    public var orderType: OrderType
    public var timeInForce: TimeInForce
    public var price: Price?
    public var quantity: Quantity
    public var reduceOnly: Bool
    public var clientOrderId: String?
}

/// What caused a trade.
public enum TradeKind: String, Hashable, Sendable, Codable {
    /// Two orders matched in the book.
    case match
    /// A liquidation order matched a resting order.
    case liquidation
    /// An insurance fund took over a liquidated position.
    case fundTakeover
    /// A backstop vault took over a position.
    case vaultTakeover
    /// Auto-deleveraging closed a counterparty against a bankrupt position.
    case deleveraging
}

/// Two orders traded.
public struct Trade: Hashable, Sendable, Codable {
    public var tradeId: UInt64
    public var kind: TradeKind
    public var symbol: String
    public var price: Price
    public var quantity: Quantity
    /// The side of the incoming (taker) order.
    public var takerSide: Side
    public var takerOrderId: OrderID
    public var takerAccount: AccountID
    public var makerOrderId: OrderID
    public var makerAccount: AccountID
    public var takerFee: Money
    public var makerFee: Money
    /// Profit or loss the taker realized by reducing its position (before fees).
    public var takerRealizedPnL: Money
    /// Profit or loss the maker realized by reducing its position (before fees).
    public var makerRealizedPnL: Money
    /// The taker's signed position size afterwards.
    public var takerPosition: Quantity
    /// The maker's signed position size afterwards.
    public var makerPosition: Quantity
}

/// Why an order left the book or the engine.
public enum OrderCloseReason: String, Hashable, Sendable, Codable {
    /// Completely filled.
    case filled
    /// Cancelled by its owner.
    case canceled
    /// The unfilled rest of an IOC or market order.
    case immediateOrCancel
    /// A fill-or-kill order that could not fill completely.
    case fillOrKill
    /// Self-trade prevention expired it.
    case selfTradePrevention
    /// A reduce-only order that no longer reduces the position.
    case reduceOnly
    /// Cancelled because its owner is being liquidated.
    case liquidation
    /// Cancelled because auto-deleveraging closed its owner's position in the market.
    case deleveraging
}

/// An order left the engine: filled, cancelled or expired.
public struct OrderClosed: Hashable, Sendable, Codable {
    public var orderId: OrderID
    public var account: AccountID
    public var symbol: String
    public var reason: OrderCloseReason
    public var filledQuantity: Quantity
    public var remainingQuantity: Quantity
}

/// A resting order's price or quantity changed.
public struct OrderAmended: Hashable, Sendable, Codable {
    public var orderId: OrderID
    public var account: AccountID
    public var symbol: String
    public var price: Price
    public var quantity: Quantity
    /// False when the change sent the order to the back of its price level.
    public var keptPriority: Bool
}

/// A market's index and mark price were recomputed.
public struct MarkPriceUpdated: Hashable, Sendable, Codable {
    public var symbol: String
    public var indexPrice: Price
    public var markPrice: Price
}

/// A market's funding was settled.
public struct FundingSettled: Hashable, Sendable, Codable {
    public var symbol: String
    /// The rate applied: positive means longs pay shorts.
    public var rate: Rate
    public var markPrice: Price
    /// The total that changed hands.
    public var amount: Money
    /// When the next settlement is due.
    public var nextFundingTime: Timestamp
}

/// One account's funding payment (negative) or receipt (positive).
public struct FundingPaid: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var amount: Money
}

/// A command was refused; nothing changed.
public struct Rejection: Hashable, Sendable, Codable, Error {
    public var reason: RejectReason
    public var message: String

    /// Creates a rejection.
    public init(_ reason: RejectReason, _ message: String) {
        self.reason = reason
        self.message = message
    }
}
