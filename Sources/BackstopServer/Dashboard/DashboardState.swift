import BackstopCore
import BackstopEngine

/// Everything the operator's page shows, as `GET /dashboard/v1/state` answers it: the markets,
/// the insurance funds, each market's deleveraging queue, and the latest liquidations and
/// deleveraging rounds, newest first. Public figures only: no key or secret is ever in it.
public struct DashboardState: Encodable, Sendable {
    /// One market's prices, open interest and funding.
    public struct MarketRow: Encodable, Sendable {
        /// The market.
        public var symbol: String
        /// The mark price; absent before the first index price.
        public var markPrice: Price?
        /// The index price: the median of the sources near their median.
        public var indexPrice: Price?
        /// The price of the last trade.
        public var lastPrice: Price?
        /// From the last pass over the positions (see ``DashboardState/positionsAsOf``).
        public var openInterest: Quantity?
        /// The open interest's notional at the mark.
        public var openInterestNotional: Money?
        /// Binance's ADL risk rating, from the fund's coverage of open interest.
        public var adlRisk: DeleveragingRisk.Rating?
        /// The rate of the last settlement: positive means longs paid shorts.
        public var lastFundingRate: Rate
        /// When the next settlement is due.
        public var nextFundingTime: Timestamp
        /// The fund behind the market, if any.
        public var insuranceFund: String?
        /// The policy that chooses who is deleveraged.
        public var deleveragingPolicy: DeleveragingPolicyName
    }

    /// The server's clock.
    public var serverTime: Timestamp
    /// The time of the last command the engine applied.
    public var engineTime: Timestamp
    /// Accepted commands since the journal began.
    public var commands: UInt64
    /// The engine time of the last pass over the positions (open interest and queues), at most
    /// one a second.
    public var positionsAsOf: Timestamp
    /// Every market, in listing order.
    public var markets: [MarketRow]
    /// Every pool, with its last few ledger lines.
    public var insuranceFunds: [InsuranceFundState]
    /// Each market's queue by quantile.
    public var deleveragingQueues: [DeleveragingQueue]
    /// The latest entries of the risk log, newest first.
    public var riskEvents: [RiskEventLog.Entry]

    /// How many ledger lines of each fund the page shows.
    public static let fundHistoryLimit = 10

    /// The state of `engine` and `history`, with the per-position figures from `cache`.
    public init(
        engine: Engine, history: VenueHistory, cache: MarketRiskCache, now: Timestamp, eventLimit: Int
    ) {
        let risks = cache.figures(engine: engine, commands: history.riskEvents.commandsRecorded, now: now)
        serverTime = now
        engineTime = engine.time
        commands = history.riskEvents.commandsRecorded
        positionsAsOf = risks.engineTime
        markets = engine.markets.map { market in
            let risk = risks.markets.first { $0.symbol == market.symbol }
            return MarketRow(
                symbol: market.symbol, markPrice: market.markPrice, indexPrice: market.indexPrice,
                lastPrice: market.lastTradePrice, openInterest: risk?.openInterest,
                openInterestNotional: risk?.openInterestNotional, adlRisk: risk?.adlRisk,
                lastFundingRate: market.funding.lastRate, nextFundingTime: market.funding.nextFundingTime,
                insuranceFund: market.spec.liquidation.insuranceFund, deleveragingPolicy: market.spec.deleveraging.policy)
        }
        insuranceFunds = engine.insurancePools.map {
            InsuranceFundState($0, engine: engine, historyLimit: Self.fundHistoryLimit)
        }
        deleveragingQueues = risks.markets.map(\.queue)
        riskEvents = Array(history.riskEvents.entries.suffix(eventLimit).reversed())
    }
}
