import BackstopCore
import BackstopEngine
import Foundation

/// The commands a scenario feeds the engine, the same for every policy but for the policy itself.
///
/// Account numbers: the insurance fund is 1, market `m`'s makers are `100 + 100 m + i`, traders are
/// numbered from 10,000 in the order they are generated.
public struct CommandStream: Sendable {
    /// Every command in time order.
    public var commands: [Command]
    /// The index price per step for each market (for charts).
    public var indexSeries: [[Price]]
    /// The time of each step, in milliseconds.
    public var stepTimes: [Timestamp]
    /// Each market's index at the horizon.
    public var horizonPrices: [Price]
    /// How many commands open the scenario (fund, markets, deposits, first positions, first quotes).
    public var openingCount: Int

    /// The insurance fund's name and account in every scenario.
    public static let fundName = "main"
    public static let fundAccount = AccountID(1)
    /// The first trader's account number.
    public static let firstTrader: UInt64 = 10_000

    /// Builds the stream for one policy.
    public init(_ scenario: Scenario, policy: DeleveragingPolicyName) {
        var commands: [Command] = []
        let fund = scenario.insuranceFund
        commands.append(Command(time: 0, .createInsuranceFund(InsuranceFundSpec(
            name: Self.fundName, account: Self.fundAccount.rawValue, maxPositionShare: fund.maxPositionShare,
            lossLimit: fund.lossLimit, lossWindowMilliseconds: fund.windowSeconds * 1_000,
            drawdownLimit: fund.drawdownLimit, drawdownWindowMilliseconds: fund.windowSeconds * 1_000))))
        if fund.balance.isPositive {
            commands.append(Command(time: 0, .deposit(Deposit(account: Self.fundAccount, amount: fund.balance))))
        }
        let until = (scenario.durationSeconds + scenario.horizonSeconds) * 1_000
        var series: [[Double]] = []
        var nextTrader = Self.firstTrader
        for (index, market) in scenario.markets.enumerated() {
            var spec = market.spec
            spec.liquidation.insuranceFund = Self.fundName
            spec.deleveraging.policy = policy
            commands.append(Command(time: 0, .createMarket(spec)))
            commands.append(Command(time: 0, .indexPrice(IndexPrice(symbol: spec.symbol, price: market.startPrice))))
            var random = ScenarioRandom(seed: scenario.seed, stream: UInt64(index))
            series.append(PriceGenerator.prices(
                market.pricePath, start: Self.double(market.startPrice), stepMilliseconds: scenario.stepMilliseconds,
                until: until, random: &random))
            commands += Opening.commands(for: market, spec: spec, marketIndex: index, firstTrader: &nextTrader,
                                         random: &random)
        }
        openingCount = commands.count
        var stepTimes: [Timestamp] = []
        let steps = Int(scenario.durationSeconds * 1_000 / scenario.stepMilliseconds)
        for step in 1...max(steps, 1) {
            let time = Timestamp(step) * scenario.stepMilliseconds
            stepTimes.append(time)
            for (index, market) in scenario.markets.enumerated() {
                let price = Self.price(series[index][step], tick: market.spec.tickSize)
                commands.append(Command(time: time, .indexPrice(IndexPrice(symbol: market.spec.symbol, price: price))))
                if time % (market.makers.requoteSeconds * 1_000) == 0 {
                    let minuteAgo = max(0, step - Int(60_000 / scenario.stepMilliseconds))
                    let move = abs(series[index][step] / series[index][minuteAgo] - 1)
                    let depth = max(market.makers.minimumDepth, 1 - market.makers.pullSensitivity * move)
                    commands += Quotes.commands(
                        for: market, marketIndex: index, around: series[index][step], depth: depth, time: time)
                }
            }
            for market in scenario.markets where time % market.spec.funding.intervalMilliseconds == 0 {
                commands.append(Command(time: time, .settleFunding(SettleFunding(symbol: market.spec.symbol))))
            }
        }
        commands = commands.enumerated().sorted { $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset }
            .map(\.element)
        self.commands = commands
        self.stepTimes = stepTimes
        indexSeries = zip(scenario.markets, series).map { market, prices in
            prices.prefix(steps + 1).map { Self.price($0, tick: market.spec.tickSize) }
        }
        horizonPrices = zip(scenario.markets, series).map { Self.price($1[$1.count - 1], tick: $0.spec.tickSize) }
    }

    /// A price from a double, on the tick grid, at least one tick.
    static func price(_ value: Double, tick: Price) -> Price {
        let raw = Price(raw: Int64((value * Double(Price.scale)).rounded()))
        return max(raw.rounded(toMultipleOf: tick, .halfEven), tick)
    }

    /// A quantity from a double, on the lot grid, at least one lot.
    static func quantity(_ value: Double, lot: Quantity) -> Quantity {
        let raw = Quantity(raw: Int64((value * Double(Quantity.scale)).rounded(.down)))
        return max(raw.rounded(toMultipleOf: lot, .down), lot)
    }

    static func double(_ price: Price) -> Double { Double(price.raw) / Double(Price.scale) }
}
