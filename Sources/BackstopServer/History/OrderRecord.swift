import BackstopCore
import BackstopEngine

/// One order's life as Binance reports it: its terms, how much has filled and for how much, and
/// why it closed.
public struct OrderRecord: Hashable, Sendable {
    /// The engine's order number.
    public var orderId: OrderID
    /// The owner.
    public var account: AccountID
    /// The market.
    public var symbol: String
    /// Buy or sell.
    public var side: Side
    /// Limit or market.
    public var type: OrderType
    /// As the engine applied it (IOC for a market order).
    public var timeInForce: TimeInForce
    /// The limit price; absent for a market order.
    public var price: Price?
    /// The total quantity ordered (after amendments).
    public var quantity: Quantity
    /// True when the order may only reduce the position.
    public var reduceOnly: Bool
    /// The owner's label.
    public var clientOrderId: String?
    /// What it does when it would trade with its owner's own order.
    public var selfTradePrevention: SelfTradePrevention
    /// When the order was accepted.
    public var time: Timestamp
    /// When it last changed.
    public var updateTime: Timestamp
    /// The filled quantity.
    public var executedQuantity: Quantity = .zero
    /// The value of the fills (Binance's `cumQuote`).
    public var cumulativeQuote: Money = .zero
    /// Why it closed; absent while it is open.
    public var closeReason: OrderCloseReason?

    /// The record of a newly accepted order.
    public init(_ accepted: OrderAccepted, selfTradePrevention: SelfTradePrevention, time: Timestamp) {
        orderId = accepted.orderId
        account = accepted.account
        symbol = accepted.symbol
        side = accepted.side
        type = accepted.orderType
        timeInForce = accepted.timeInForce
        price = accepted.price
        quantity = accepted.quantity
        reduceOnly = accepted.reduceOnly
        clientOrderId = accepted.clientOrderId
        self.selfTradePrevention = selfTradePrevention
        self.time = time
        updateTime = time
    }

    /// Binance's status: `NEW` or `PARTIALLY_FILLED` while open; `FILLED`, `CANCELED`, `EXPIRED`
    /// or `EXPIRED_IN_MATCH` once closed.
    public var status: String {
        guard let closeReason else { return executedQuantity.isZero ? "NEW" : "PARTIALLY_FILLED" }
        switch closeReason {
        case .filled: return "FILLED"
        case .canceled, .liquidation, .deleveraging: return "CANCELED"
        case .immediateOrCancel, .fillOrKill, .reduceOnly: return "EXPIRED"
        case .selfTradePrevention: return "EXPIRED_IN_MATCH"
        }
    }

    /// The average fill price, rounded half-even; absent before the first fill.
    public var averagePrice: Price? {
        executedQuantity.isZero ? nil : cumulativeQuote.price(per: executedQuantity, rounding: .halfEven)
    }
}
