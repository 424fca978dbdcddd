import BackstopCore
import BackstopEngine

/// What the user data stream says about one order: its terms and how much of it has filled.
public struct OrderFacts: Hashable, Sendable {
    /// The kind of order, as Binance names it.
    public enum Kind: String, Hashable, Sendable {
        case limit = "LIMIT"
        case market = "MARKET"
        /// A forced close: a liquidation order, or a position closed off the book by the insurance
        /// fund, a backstop vault or auto-deleveraging.
        case liquidation = "LIQUIDATION"
    }

    public var orderId: OrderID
    public var account: AccountID
    public var symbol: String
    public var side: Side
    public var kind: Kind
    public var timeInForce: TimeInForce
    /// The limit; absent for market orders.
    public var price: Price?
    /// The quantity ordered, filled part included.
    public var quantity: Quantity
    public var filled: Quantity = .zero
    /// The value of the fills, for the average price.
    public var filledValue: Money = .zero
    public var reduceOnly: Bool
    public var clientOrderId: String
    public var selfTradePrevention: SelfTradePrevention
    /// True once the order rests in the book.
    public var resting = false

    /// The average fill price; zero before the first fill.
    public var averagePrice: Price {
        filled.isZero ? .zero : filledValue.price(per: filled, rounding: .halfEven)
    }
}

/// One change to an order, as an `ORDER_TRADE_UPDATE` reports it.
public struct OrderUpdate: Hashable, Sendable {
    /// Binance's execution type (`x`).
    public enum Execution: String, Hashable, Sendable {
        case new = "NEW"
        case trade = "TRADE"
        case canceled = "CANCELED"
        case expired = "EXPIRED"
        case amendment = "AMENDMENT"
        /// A forced close off the book (insurance fund, vault or auto-deleveraging).
        case calculated = "CALCULATED"
    }

    /// Binance's order status (`X`).
    public enum Status: String, Hashable, Sendable {
        case new = "NEW"
        case partiallyFilled = "PARTIALLY_FILLED"
        case filled = "FILLED"
        case canceled = "CANCELED"
        case expired = "EXPIRED"
        case expiredInMatch = "EXPIRED_IN_MATCH"
    }

    /// One fill of the order.
    public struct Fill: Hashable, Sendable {
        public var tradeId: UInt64
        public var price: Price
        public var quantity: Quantity
        public var fee: Money
        public var realizedPnL: Money
        public var maker: Bool
    }

    /// The order right after the change.
    public var order: OrderFacts
    public var execution: Execution
    public var status: Status
    /// The fill, for trades and forced closes.
    public var fill: Fill?
}
