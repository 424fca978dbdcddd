import BackstopCore
import BackstopEngine
import Foundation

/// The commands that set a market's participants up: makers' deposits and first quotes, and each
/// trader's deposit, settings and opening trade against a maker.
enum Opening {
    static func commands(
        for market: MarketSetup, spec: MarketSpec, marketIndex: Int, firstTrader: inout UInt64,
        random: inout ScenarioRandom
    ) -> [Command] {
        var commands: [Command] = []
        let start = CommandStream.double(market.startPrice)
        let makers = Quotes.makerAccounts(marketIndex: marketIndex, count: market.makers.count)
        let cohortNotional = [market.population.longs, market.population.shorts]
            .reduce(0.0) { $0 + Double($1.count) * $1.notionalMedian * 3 }
        let makerDeposit = Money(units: Int64(min(9e9, (market.makers.levelNotional * Double(market.makers.levels) * 4
            + cohortNotional / Double(makers.count)) * 2)))
        for maker in makers {
            commands.append(Command(time: 0, .deposit(Deposit(account: maker, amount: makerDeposit))))
            commands.append(Command(time: 0, .setLeverage(SetLeverage(account: maker, symbol: spec.symbol, leverage: 1))))
        }
        var makerTurn = 0
        for (side, cohort) in [(Side.buy, market.population.longs), (Side.sell, market.population.shorts)] {
            for _ in 0..<cohort.count {
                let trader = AccountID(firstTrader)
                firstTrader += 1
                let leverage = min(random.weighted(cohort.leverage.map { ($0.leverage, $0.weight) }), spec.maxLeverage)
                let notional = cohort.notionalMedian * exp(cohort.notionalSigma * random.normal())
                let entry = CommandStream.price(
                    start * (1 + random.uniform(-cohort.entrySpreadPercent, cohort.entrySpreadPercent) / 100), tick: spec.tickSize)
                let size = min(CommandStream.quantity(notional / CommandStream.double(entry), lot: spec.lotSize), spec.maxOrderQuantity)
                let value = size.value(at: entry, rounding: .up)
                let margin = value.divided(by: Int64(leverage), rounding: .up)
                let deposit = margin + margin.times(Rate(raw: Int64(cohort.marginBuffer * Double(Rate.scale))), rounding: .up)
                    + value.times(spec.takerFeeRate, rounding: .up) + Money(units: 1)
                let maker = makers[makerTurn % makers.count]
                makerTurn += 1
                commands.append(Command(time: 0, .deposit(Deposit(account: trader, amount: deposit))))
                if random.unit() < cohort.isolatedShare {
                    commands.append(Command(time: 0, .setMarginMode(SetMarginMode(account: trader, symbol: spec.symbol, mode: .isolated))))
                }
                commands.append(Command(time: 0, .setLeverage(SetLeverage(account: trader, symbol: spec.symbol, leverage: leverage))))
                commands.append(Command(time: 0, .placeOrder(PlaceOrder(
                    account: maker, symbol: spec.symbol, side: side.opposite, timeInForce: .postOnly, price: entry, quantity: size,
                    selfTradePrevention: .none))))
                commands.append(Command(time: 0, .placeOrder(PlaceOrder(
                    account: trader, symbol: spec.symbol, side: side, timeInForce: .ioc, price: entry, quantity: size))))
                commands.append(Command(time: 0, .cancelAllOrders(CancelAllOrders(account: maker, symbol: spec.symbol))))
            }
        }
        commands += Quotes.commands(for: market, marketIndex: marketIndex, around: start, depth: 1, time: 0)
        return commands
    }
}

/// Market makers' ladders.
enum Quotes {
    static func makerAccounts(marketIndex: Int, count: Int) -> [AccountID] {
        (0..<count).map { AccountID(UInt64(100 + 100 * marketIndex + $0)) }
    }

    /// Each maker cancels its quotes and lays a fresh ladder around `index`, its size scaled by `depth`.
    static func commands(for market: MarketSetup, marketIndex: Int, around index: Double, depth: Double, time: Timestamp) -> [Command] {
        var commands: [Command] = []
        let spec = market.spec
        let makers = market.makers
        for maker in makerAccounts(marketIndex: marketIndex, count: makers.count) {
            commands.append(Command(time: time, .cancelAllOrders(CancelAllOrders(account: maker, symbol: spec.symbol))))
            for level in 0..<makers.levels {
                let distance = (makers.spreadBasisPoints + Double(level) * makers.levelSpacingBasisPoints) / 10_000
                for side in [Side.buy, .sell] {
                    let price = CommandStream.price(index * (side == .buy ? 1 - distance : 1 + distance), tick: spec.tickSize)
                    let size = CommandStream.quantity(makers.levelNotional * depth / CommandStream.double(price), lot: spec.lotSize)
                    commands.append(Command(time: time, .placeOrder(PlaceOrder(
                        account: maker, symbol: spec.symbol, side: side, timeInForce: .postOnly, price: price,
                        quantity: min(size, spec.maxOrderQuantity), selfTradePrevention: .expireMaker))))
                }
            }
        }
        return commands
    }
}
