import BackstopCore

/// One instruction to the engine, stamped with the time at which it takes effect.
///
/// As JSON it is one flat object: `{"time": 1000, "type": "deposit", "account": 1, "amount": "100"}`.
/// The `type` names the ``Command/Action`` case and the other fields are that action's.
public struct Command: Hashable, Sendable, Codable {
    /// When the command takes effect. Commands must arrive in non-decreasing time.
    public var time: Timestamp
    /// What to do.
    public var action: Action

    /// Creates a command.
    public init(time: Timestamp, _ action: Action) {
        self.time = time
        self.action = action
    }

    /// Everything the engine can be told to do.
    ///
    /// A market's spec is boxed: it is several times larger than any other payload, and inline it
    /// would make every command, and every copy of one, that large.
    public enum Action: Hashable, Sendable {
        indirect case createMarket(MarketSpec)
        case createInsuranceFund(InsuranceFundSpec)
        case deposit(Deposit)
        case withdraw(Withdraw)
        case setLeverage(SetLeverage)
        case setMarginMode(SetMarginMode)
        case adjustIsolatedMargin(AdjustIsolatedMargin)
        case placeOrder(PlaceOrder)
        case cancelOrder(CancelOrder)
        case cancelAllOrders(CancelAllOrders)
        case amendOrder(AmendOrder)
        case indexPrice(IndexPrice)
        case settleFunding(SettleFunding)
    }
}

/// Credits an account's cross balance, creating the account on first use.
public struct Deposit: Hashable, Sendable, Codable {
    public var account: AccountID
    public var amount: Money
    public init(account: AccountID, amount: Money) {
        self.account = account
        self.amount = amount
    }
}

/// Debits an account's cross balance by at most its free collateral.
public struct Withdraw: Hashable, Sendable, Codable {
    public var account: AccountID
    public var amount: Money
    public init(account: AccountID, amount: Money) {
        self.account = account
        self.amount = amount
    }
}

/// Sets an account's leverage in a market, bounded by the tier that holds its position.
public struct SetLeverage: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var leverage: Int
    public init(account: AccountID, symbol: String, leverage: Int) {
        self.account = account
        self.symbol = symbol
        self.leverage = leverage
    }
}

/// Switches a market between cross and isolated margin; only with no position and no open orders there.
public struct SetMarginMode: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var mode: MarginMode
    public init(account: AccountID, symbol: String, mode: MarginMode) {
        self.account = account
        self.symbol = symbol
        self.mode = mode
    }
}

/// Moves margin into (positive amount) or out of (negative) an isolated position.
public struct AdjustIsolatedMargin: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var amount: Money
    public init(account: AccountID, symbol: String, amount: Money) {
        self.account = account
        self.symbol = symbol
        self.amount = amount
    }
}

/// Places an order.
public struct PlaceOrder: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var side: Side
    public var type: OrderType
    /// Ignored for market orders (which behave as IOC).
    public var timeInForce: TimeInForce
    /// Required for limit orders, absent for market orders.
    public var price: Price?
    public var quantity: Quantity
    public var reduceOnly: Bool
    public var selfTradePrevention: SelfTradePrevention
    /// The trader's own label, echoed in events.
    public var clientOrderId: String?

    public init(
        account: AccountID, symbol: String, side: Side, type: OrderType = .limit,
        timeInForce: TimeInForce = .gtc, price: Price?, quantity: Quantity, reduceOnly: Bool = false,
        selfTradePrevention: SelfTradePrevention = .expireTaker, clientOrderId: String? = nil
    ) {
        self.account = account
        self.symbol = symbol
        self.side = side
        self.type = type
        self.timeInForce = timeInForce
        self.price = price
        self.quantity = quantity
        self.reduceOnly = reduceOnly
        self.selfTradePrevention = selfTradePrevention
        self.clientOrderId = clientOrderId
    }

    enum CodingKeys: String, CodingKey {
        case account, symbol, side, type = "orderType", timeInForce, price, quantity, reduceOnly
        case selfTradePrevention, clientOrderId
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            account: try container.decode(AccountID.self, forKey: .account),
            symbol: try container.decode(String.self, forKey: .symbol),
            side: try container.decode(Side.self, forKey: .side),
            type: try container.decodeIfPresent(OrderType.self, forKey: .type) ?? .limit,
            timeInForce: try container.decodeIfPresent(TimeInForce.self, forKey: .timeInForce) ?? .gtc,
            price: try container.decodeIfPresent(Price.self, forKey: .price),
            quantity: try container.decode(Quantity.self, forKey: .quantity),
            reduceOnly: try container.decodeIfPresent(Bool.self, forKey: .reduceOnly) ?? false,
            selfTradePrevention: try container.decodeIfPresent(SelfTradePrevention.self, forKey: .selfTradePrevention)
                ?? .expireTaker,
            clientOrderId: try container.decodeIfPresent(String.self, forKey: .clientOrderId))
    }
}

/// Cancels one open order of the account.
public struct CancelOrder: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var orderId: OrderID
    public init(account: AccountID, symbol: String, orderId: OrderID) {
        self.account = account
        self.symbol = symbol
        self.orderId = orderId
    }
}

/// Cancels every open order of the account in a market.
public struct CancelAllOrders: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public init(account: AccountID, symbol: String) {
        self.account = account
        self.symbol = symbol
    }
}

/// Changes an open order's price or quantity. A price change or a larger quantity loses time priority
/// (and may match at once); a smaller quantity at the same price keeps it.
public struct AmendOrder: Hashable, Sendable, Codable {
    public var account: AccountID
    public var symbol: String
    public var orderId: OrderID
    /// The new price; unchanged when absent.
    public var price: Price?
    /// The new total quantity (filled part included, as Binance counts it); unchanged when absent.
    public var quantity: Quantity?
    public init(account: AccountID, symbol: String, orderId: OrderID, price: Price? = nil, quantity: Quantity? = nil) {
        self.account = account
        self.symbol = symbol
        self.orderId = orderId
        self.price = price
        self.quantity = quantity
    }
}

/// A price from one index source; the index is the median of the sources, the mark follows.
public struct IndexPrice: Hashable, Sendable, Codable {
    public var symbol: String
    /// The source's name, such as `binance` or `coinbase`; `index` when there is only one.
    public var source: String
    public var price: Price
    public init(symbol: String, source: String = "index", price: Price) {
        self.symbol = symbol
        self.source = source
        self.price = price
    }

    enum CodingKeys: String, CodingKey { case symbol, source, price }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            symbol: try container.decode(String.self, forKey: .symbol),
            source: try container.decodeIfPresent(String.self, forKey: .source) ?? "index",
            price: try container.decode(Price.self, forKey: .price))
    }
}

/// Settles a market's funding for the interval that has ended; rejected before the interval ends.
public struct SettleFunding: Hashable, Sendable, Codable {
    public var symbol: String
    public init(symbol: String) { self.symbol = symbol }
}
