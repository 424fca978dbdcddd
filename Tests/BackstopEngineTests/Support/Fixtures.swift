import BackstopCore
@testable import BackstopEngine

/// Named market specs used across the engine tests.
enum Markets {
    /// BTCUSDT with Binance's first four tiers, tick 0.1, lot 0.001, maker 0.02%, taker 0.05%.
    static let btcusdt = MarketSpec(
        symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Price("0.1")!, lotSize: Quantity("0.001")!,
        minNotional: Money("5")!, maxOrderQuantity: Quantity("1000")!, maxPrice: Price("1000000")!,
        riskTiers: [
            RiskTier(notionalFloor: .zero, maxLeverage: 125, maintenanceMarginRate: Rate("0.004")!),
            RiskTier(notionalFloor: Money("50000")!, maxLeverage: 100, maintenanceMarginRate: Rate("0.005")!),
            RiskTier(notionalFloor: Money("250000")!, maxLeverage: 50, maintenanceMarginRate: Rate("0.01")!),
            RiskTier(notionalFloor: Money("1000000")!, maxLeverage: 20, maintenanceMarginRate: Rate("0.025")!),
        ],
        makerFeeRate: Rate("0.0002")!, takerFeeRate: Rate("0.0005")!, liquidationFeeRate: Rate("0.0125")!)

    /// ETHUSDT with two tiers, tick 0.01, lot 0.01, no fees (for exact arithmetic in tests).
    static let ethusdtNoFees = MarketSpec(
        symbol: "ETHUSDT", baseAsset: "ETH", tickSize: Price("0.01")!, lotSize: Quantity("0.01")!,
        minNotional: Money("1")!, maxOrderQuantity: Quantity("10000")!, maxPrice: Price("100000")!,
        riskTiers: [
            RiskTier(notionalFloor: .zero, maxLeverage: 100, maintenanceMarginRate: Rate("0.005")!),
            RiskTier(notionalFloor: Money("100000")!, maxLeverage: 50, maintenanceMarginRate: Rate("0.01")!),
        ],
        makerFeeRate: .zero, takerFeeRate: .zero, liquidationFeeRate: Rate("0.01")!)
}

/// Named accounts.
enum Trader {
    static let alice = AccountID(1)
    static let bob = AccountID(2)
    static let carol = AccountID(3)
    static let dave = AccountID(4)
}

extension Money {
    /// A money literal for tests: `Money.of("12.5")`.
    static func of(_ text: String) -> Money { Money(text)! }
}

extension Price {
    static func of(_ text: String) -> Price { Price(text)! }
}

extension Quantity {
    static func of(_ text: String) -> Quantity { Quantity(text)! }
}

/// An engine driven by tests, with the clock advanced one millisecond per command.
struct TestVenue {
    var engine = Engine()
    var clock: Timestamp = 0
    /// Every event seen so far.
    var log: [Event] = []

    /// A venue with `markets` listed, each at `price`, and each named account funded with `deposit`.
    init(markets: [MarketSpec] = [Markets.btcusdt], price: String = "65000",
         accounts: [AccountID] = [Trader.alice, Trader.bob, Trader.carol], deposit: String = "100000") {
        for market in markets {
            expectAccepted(.createMarket(market))
            expectAccepted(.indexPrice(IndexPrice(symbol: market.symbol, price: .of(price))))
        }
        for account in accounts {
            expectAccepted(.deposit(Deposit(account: account, amount: .of(deposit))))
        }
    }

    /// Applies an action at the next millisecond and returns its events.
    @discardableResult
    mutating func apply(_ action: Command.Action) -> [Event] {
        clock += 1
        let events = engine.apply(Command(time: clock, action))
        log += events
        return events
    }

    /// Applies an action that must be accepted; records an issue otherwise.
    @discardableResult
    mutating func expectAccepted(_ action: Command.Action, sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        let events = apply(action)
        if case .rejected(let rejection) = events.first {
            Issue.record("rejected: \(rejection.reason) \(rejection.message)", sourceLocation: sourceLocation)
        }
        return events
    }

    /// Places a limit order and returns its events.
    @discardableResult
    mutating func limit(
        _ account: AccountID, _ side: Side, _ quantity: String, at price: String, symbol: String = "BTCUSDT",
        timeInForce: TimeInForce = .gtc, reduceOnly: Bool = false, stp: SelfTradePrevention = .expireTaker
    ) -> [Event] {
        apply(.placeOrder(PlaceOrder(
            account: account, symbol: symbol, side: side, timeInForce: timeInForce, price: .of(price),
            quantity: .of(quantity), reduceOnly: reduceOnly, selfTradePrevention: stp)))
    }

    /// Places a market order and returns its events.
    @discardableResult
    mutating func market(_ account: AccountID, _ side: Side, _ quantity: String, symbol: String = "BTCUSDT",
                         reduceOnly: Bool = false) -> [Event] {
        apply(.placeOrder(PlaceOrder(
            account: account, symbol: symbol, side: side, type: .market, price: nil, quantity: .of(quantity),
            reduceOnly: reduceOnly)))
    }

    /// The position of an account in a market (a flat default if it never traded there).
    func position(_ account: AccountID, _ symbol: String = "BTCUSDT") -> Position? {
        guard let market = engine.market(symbol), let found = engine.account(account) else { return nil }
        return found.position(market: market.index)
    }
}

extension Event {
    /// The rejection, if this event is one.
    var rejection: Rejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }

    /// The trade, if this event is one.
    var trade: Trade? {
        if case .trade(let trade) = self { return trade }
        return nil
    }

    /// The order closure, if this event is one.
    var orderClosed: OrderClosed? {
        if case .orderClosed(let closed) = self { return closed }
        return nil
    }

    /// The accepted order, if this event is one.
    var orderAccepted: OrderAccepted? {
        if case .orderAccepted(let accepted) = self { return accepted }
        return nil
    }
}

import Testing
