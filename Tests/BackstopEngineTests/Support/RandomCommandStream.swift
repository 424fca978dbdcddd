import BackstopCore
@testable import BackstopEngine

/// A seeded stream of random but plausible commands over several markets and accounts: every order
/// type, amendments, cancels, deposits, withdrawals, leverage and margin-mode changes, isolated margin
/// transfers, index moves from several sources, and funding.
struct RandomCommandStream {
    private var random: SplitMix64
    private(set) var time: Timestamp = 0
    private var prices: [Int64]
    private var orderCeiling: UInt64 = 1
    /// Orders the engine reported open, oldest first: (owner, symbol, number).
    private var openOrders: [(account: AccountID, symbol: String, id: OrderID)] = []
    let markets: [MarketSpec]
    let accounts: [AccountID]

    init(seed: UInt64, markets: [MarketSpec], accounts: [AccountID]) {
        random = SplitMix64(seed: seed)
        self.markets = markets.map { market in
            var backed = market
            backed.liquidation.insuranceFund = Self.fund.name
            return backed
        }
        self.accounts = accounts
        prices = markets.map { $0.symbol == "BTCUSDT" ? 65_000 * Price.scale : 3_000 * Price.scale }
    }

    /// The insurance fund every market of the stream names.
    static let fund = InsuranceFundSpec(
        name: "main", account: 900, maxPositionShare: Rate("0.5")!, lossLimit: Rate("0.5")!,
        drawdownLimit: Rate("0.6")!)

    /// The commands that list an insurance fund and the markets, give them prices and fund the accounts.
    mutating func opening() -> [Command] {
        var commands: [Command] = [
            Command(time: time, .createInsuranceFund(Self.fund)),
            Command(time: time, .deposit(Deposit(account: AccountID(Self.fund.account), amount: Money(units: 20_000)))),
        ]
        for (index, market) in markets.enumerated() {
            commands.append(Command(time: time, .createMarket(market)))
            commands.append(Command(time: time, .indexPrice(IndexPrice(symbol: market.symbol, price: Price(raw: prices[index])))))
        }
        for account in accounts {
            let amount = Money(units: Int64.random(in: 500...50_000, using: &random))
            commands.append(Command(time: time, .deposit(Deposit(account: account, amount: amount))))
        }
        for account in accounts.suffix(accounts.count / 2) {
            for market in markets {
                commands.append(Command(time: time, .setMarginMode(SetMarginMode(
                    account: account, symbol: market.symbol, mode: .isolated))))
            }
        }
        return commands
    }

    /// The next random command.
    mutating func next() -> Command {
        time += Int64.random(in: 0...3_000, using: &random)
        if Int.random(in: 0..<1_000, using: &random) == 0 { time += 8 * 3_600_000 }
        let market = Int.random(in: 0..<markets.count, using: &random)
        let spec = markets[market]
        let account = accounts.randomElement(using: &random)!
        let roll = Int.random(in: 0..<100, using: &random)
        let action: Command.Action
        switch roll {
        case 0..<4:
            action = .deposit(Deposit(account: account, amount: Money(units: Int64.random(in: 1...50_000, using: &random))))
        case 4..<7:
            action = .withdraw(Withdraw(account: account, amount: Money(units: Int64.random(in: 1...20_000, using: &random))))
        case 7..<17:
            action = .indexPrice(nextIndex(market))
        case 17..<55:
            action = .placeOrder(order(account: account, market: market, type: .limit))
        case 55..<62:
            action = .placeOrder(order(account: account, market: market, type: .market))
        case 62..<72:
            let target = someOrder(account: account, symbol: spec.symbol)
            action = .cancelOrder(CancelOrder(account: target.account, symbol: target.symbol, orderId: target.id))
        case 72..<74:
            action = .cancelAllOrders(CancelAllOrders(account: account, symbol: spec.symbol))
        case 74..<84:
            let target = someOrder(account: account, symbol: spec.symbol)
            let targetMarket = markets.firstIndex { $0.symbol == target.symbol } ?? market
            let newPrice = Bool.random(using: &random) ? nearPrice(targetMarket) : nil
            let newQuantity = newPrice == nil || Bool.random(using: &random) ? lots(markets[targetMarket]) : nil
            action = .amendOrder(AmendOrder(
                account: target.account, symbol: target.symbol, orderId: target.id, price: newPrice,
                quantity: newQuantity))
        case 84..<87:
            action = .setLeverage(SetLeverage(account: account, symbol: spec.symbol, leverage: Int.random(in: 1...130, using: &random)))
        case 87..<89:
            action = .setMarginMode(SetMarginMode(
                account: account, symbol: spec.symbol, mode: Bool.random(using: &random) ? .isolated : .cross))
        case 89..<92:
            let amount = Money(units: Int64.random(in: -2_000...2_000, using: &random))
            action = .adjustIsolatedMargin(AdjustIsolatedMargin(account: account, symbol: spec.symbol, amount: amount))
        case 92..<94:
            action = .settleFunding(SettleFunding(symbol: spec.symbol))
        default:
            action = .placeOrder(order(account: account, market: market, type: .limit, reduceOnly: true))
        }
        return Command(time: time, action)
    }

    private mutating func nextIndex(_ market: Int) -> IndexPrice {
        let step = Int64.random(in: -150...150, using: &random)
        prices[market] = max(prices[market] + prices[market] / 10_000 * step, Price.scale)
        let source = ["alpha", "beta", "gamma"].randomElement(using: &random)!
        let noise = Int64.random(in: -20...20, using: &random) * prices[market] / 10_000
        let price = Price(raw: prices[market] + noise).rounded(toMultipleOf: markets[market].tickSize, .halfEven)
        return IndexPrice(symbol: markets[market].symbol, source: source, price: price)
    }

    private mutating func nearPrice(_ market: Int) -> Price {
        let offset = Int64.random(in: -300...300, using: &random)
        let raw = prices[market] + prices[market] / 10_000 * offset
        return Price(raw: max(raw, Price.scale)).rounded(toMultipleOf: markets[market].tickSize, .halfEven)
    }

    private mutating func lots(_ spec: MarketSpec) -> Quantity {
        let scale: Int64 = spec.symbol == "BTCUSDT" ? 1 : 10
        return spec.lotSize.times(Int64.random(in: 1...400, using: &random) * scale)
    }

    /// Usually an order the engine reported open; sometimes a guess that may be unknown or another
    /// account's.
    private mutating func someOrder(account: AccountID, symbol: String) -> (account: AccountID, symbol: String, id: OrderID) {
        if !openOrders.isEmpty, Int.random(in: 0..<10, using: &random) < 8 {
            return openOrders.randomElement(using: &random)!
        }
        let guess = UInt64.random(in: (orderCeiling > 60 ? orderCeiling - 60 : 1)...orderCeiling, using: &random)
        return (account, symbol, OrderID(guess))
    }

    /// Follows the engine's answer, to know which orders are open.
    mutating func observe(_ events: [Event]) {
        for event in events {
            switch event {
            case .orderAccepted(let accepted):
                openOrders.append((accepted.account, accepted.symbol, accepted.orderId))
            case .orderClosed(let closed):
                openOrders.removeAll { $0.id == closed.orderId }
            default:
                break
            }
        }
    }

    private mutating func order(account: AccountID, market: Int, type: OrderType, reduceOnly: Bool = false) -> PlaceOrder {
        orderCeiling += 1
        let spec = markets[market]
        let timeInForce: TimeInForce = [.gtc, .gtc, .gtc, .ioc, .fok, .postOnly].randomElement(using: &random)!
        let stp: SelfTradePrevention = [.expireTaker, .expireMaker, .expireBoth, .none].randomElement(using: &random)!
        return PlaceOrder(
            account: account, symbol: spec.symbol, side: Bool.random(using: &random) ? .buy : .sell, type: type,
            timeInForce: timeInForce, price: type == .limit ? nearPrice(market) : nil, quantity: lots(spec),
            reduceOnly: reduceOnly, selfTradePrevention: stp)
    }
}
