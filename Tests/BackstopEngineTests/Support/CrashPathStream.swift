import BackstopCore
@testable import BackstopEngine

/// A seeded stream of commands for a venue under stress: thin books quoted by market makers, many
/// levered traders (cross and isolated), and index paths with jumps of 5% to 50% either way. Three
/// markets cover the branches of liquidation: BTC steps down through tiers behind a fund with
/// Binance's and OKX's rules, ETH liquidates in slices with a backstop vault, ALT has no fund at all.
/// Every market deleverages with the given policy, at the bankruptcy price for odd seeds and at the
/// mark for even ones.
struct CrashPathStream {
    private var random: SplitMix64
    private(set) var time: Timestamp = 0
    private var prices: [Int64]
    let markets: [MarketSpec]
    static let makers = (1...3).map { AccountID(UInt64($0)) }
    static let traders = (10...39).map { AccountID(UInt64($0)) }
    static let vault = AccountID(901)
    static let fund = InsuranceFundSpec(
        name: "main", account: 900, maxPositionShare: Rate("0.2")!, lossLimit: Rate("0.075")!,
        drawdownLimit: Rate("0.3")!)

    init(seed: UInt64, policy: DeleveragingPolicyName = .queueBinance) {
        random = SplitMix64(seed: seed)
        var btc = Markets.btcusdt
        btc.liquidation = LiquidationSpec(partialMode: .tierStep, insuranceFund: Self.fund.name)
        var eth = Markets.ethusdtNoFees
        eth.liquidation = LiquidationSpec(
            partialMode: .slices, sliceAboveNotional: Money(units: 20_000), insuranceFund: Self.fund.name,
            backstopVault: Self.vault.rawValue)
        var alt = Markets.ethusdtNoFees
        alt.symbol = "ALTUSDT"
        alt.baseAsset = "ALT"
        alt.liquidation = LiquidationSpec(partialMode: .full)
        markets = [btc, eth, alt].map { market in
            var withPolicy = market
            withPolicy.deleveraging = DeleveragingSpec(
                policy: policy, executionPrice: seed % 2 == 0 ? .mark : .bankruptcy)
            return withPolicy
        }
        prices = [65_000 * Price.scale, 3_000 * Price.scale, 10 * Price.scale]
    }

    /// The fund, the markets with their first prices, and every account's first deposit and settings.
    mutating func opening() -> [Command] {
        var commands: [Command] = [
            Command(time: time, .createInsuranceFund(Self.fund)),
            Command(time: time, .deposit(Deposit(account: AccountID(Self.fund.account), amount: Money(units: 30_000)))),
            Command(time: time, .deposit(Deposit(account: Self.vault, amount: Money(units: 500_000)))),
        ]
        for (index, market) in markets.enumerated() {
            commands.append(Command(time: time, .createMarket(market)))
            commands.append(Command(time: time, .indexPrice(IndexPrice(symbol: market.symbol, price: Price(raw: prices[index])))))
        }
        for maker in Self.makers {
            commands.append(Command(time: time, .deposit(Deposit(account: maker, amount: Money(units: 5_000_000)))))
        }
        for trader in Self.traders {
            let amount = Money(units: Int64.random(in: 1_000...20_000, using: &random))
            commands.append(Command(time: time, .deposit(Deposit(account: trader, amount: amount))))
            for market in markets {
                if Bool.random(using: &random) {
                    commands.append(Command(time: time, .setMarginMode(SetMarginMode(
                        account: trader, symbol: market.symbol, mode: .isolated))))
                }
                let leverage = [2, 5, 10, 20, 50, 100].randomElement(using: &random)!
                commands.append(Command(time: time, .setLeverage(SetLeverage(
                    account: trader, symbol: market.symbol, leverage: leverage))))
            }
        }
        for market in markets.indices {
            commands += quotes(market: market, maker: Self.makers[market % Self.makers.count])
        }
        return commands
    }

    /// The next few commands.
    mutating func next() -> [Command] {
        time += Int64.random(in: 100...5_000, using: &random)
        if Int.random(in: 0..<400, using: &random) == 0 { time += 8 * 3_600_000 }
        let market = Int.random(in: 0..<markets.count, using: &random)
        let symbol = markets[market].symbol
        let trader = Self.traders.randomElement(using: &random)!
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<15:
            return quotes(market: market, maker: Self.makers.randomElement(using: &random)!)
        case 15..<45:
            return [Command(time: time, .placeOrder(PlaceOrder(
                account: trader, symbol: symbol, side: Bool.random(using: &random) ? .buy : .sell, type: .market,
                price: nil, quantity: size(market, scale: Int64.random(in: 1...20, using: &random)))))]
        case 45..<55:
            let side: Side = Bool.random(using: &random) ? .buy : .sell
            let offset = Int64.random(in: 1...40, using: &random) * (side == .buy ? -1 : 1)
            return [Command(time: time, .placeOrder(PlaceOrder(
                account: trader, symbol: symbol, side: side, price: price(market, basisPoints: offset),
                quantity: size(market, scale: Int64.random(in: 1...10, using: &random)))))]
        case 55..<85:
            return [Command(time: time, .indexPrice(IndexPrice(symbol: symbol, price: move(market))))]
        case 85..<90:
            return [Command(time: time, .deposit(Deposit(
                account: trader, amount: Money(units: Int64.random(in: 100...5_000, using: &random)))))]
        case 90..<94:
            return [Command(time: time, .withdraw(Withdraw(
                account: trader, amount: Money(units: Int64.random(in: 100...5_000, using: &random)))))]
        case 94..<97:
            return [Command(time: time, .settleFunding(SettleFunding(symbol: symbol)))]
        default:
            return [Command(time: time, .adjustIsolatedMargin(AdjustIsolatedMargin(
                account: trader, symbol: symbol, amount: Money(units: Int64.random(in: -500...1_000, using: &random)))))]
        }
    }

    /// A maker replaces its quotes with a thin ladder of five levels each side around the index.
    private mutating func quotes(market: Int, maker: AccountID) -> [Command] {
        let symbol = markets[market].symbol
        var commands = [Command(time: time, .cancelAllOrders(CancelAllOrders(account: maker, symbol: symbol)))]
        for level in 1...5 {
            for side in [Side.buy, .sell] {
                let offset = Int64(level) * Int64.random(in: 5...30, using: &random) * (side == .buy ? -1 : 1)
                commands.append(Command(time: time, .placeOrder(PlaceOrder(
                    account: maker, symbol: symbol, side: side, price: price(market, basisPoints: offset),
                    quantity: size(market, scale: Int64.random(in: 1...15, using: &random))))))
            }
        }
        return commands
    }

    /// The index after a small step, or now and then a jump of 5% to 50% either way.
    private mutating func move(_ market: Int) -> Price {
        let basisPoints: Int64
        if Int.random(in: 0..<12, using: &random) == 0 {
            basisPoints = Int64.random(in: 500...5_000, using: &random) * (Bool.random(using: &random) ? -1 : 1)
        } else {
            basisPoints = Int64.random(in: -40...40, using: &random)
        }
        let floor = markets[market].tickSize.raw * 100
        prices[market] = max(floor, prices[market] + prices[market] / 10_000 * basisPoints)
        return Price(raw: prices[market]).rounded(toMultipleOf: markets[market].tickSize, .halfEven)
    }

    private func price(_ market: Int, basisPoints: Int64) -> Price {
        Price(raw: max(prices[market] + prices[market] / 10_000 * basisPoints, markets[market].tickSize.raw))
            .rounded(toMultipleOf: markets[market].tickSize, .halfEven)
    }

    /// A size worth roughly `scale` × 1,000 of notional, on the lot grid.
    private func size(_ market: Int, scale: Int64) -> Quantity {
        let spec = markets[market]
        let units = Money(units: 1_000 * scale).quantity(at: Price(raw: prices[market]), rounding: .down)
        return max(units.rounded(toMultipleOf: spec.lotSize, .down), spec.lotSize)
    }
}
