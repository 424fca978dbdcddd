import BackstopCore
import BackstopEngine

/// One side of a trade, as the account that traded sees it (a row of Binance's `userTrades`).
public struct AccountTrade: Hashable, Sendable {
    /// The engine's trade number, shared by both sides.
    public var tradeId: UInt64
    /// The account's order; for a liquidated account, its liquidation order.
    public var orderId: OrderID
    /// The market.
    public var symbol: String
    /// The account's side.
    public var side: Side
    /// The price traded at.
    public var price: Price
    /// The quantity traded.
    public var quantity: Quantity
    /// The value traded (Binance's `quoteQty`).
    public var quote: Money
    /// The fee the account paid (negative for a rebate).
    public var commission: Money
    /// Profit or loss realized by the fill, before the fee.
    public var realizedPnL: Money
    /// True when the account's order was resting.
    public var maker: Bool
    /// What caused the trade.
    public var kind: TradeKind
    /// When it traded.
    public var time: Timestamp
}
