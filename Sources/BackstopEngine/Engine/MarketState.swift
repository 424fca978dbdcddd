import BackstopCore
import DequeModule
import OrderedCollections

/// One market's live state: its spec, book, prices and funding.
public struct MarketState: Sendable, Codable {
    /// The validated spec.
    public let spec: MarketSpec
    /// The market's position in the engine's market table.
    public let index: Int
    /// The order book.
    public internal(set) var book = OrderBook()
    /// The latest price of each index source, ordered by source name.
    public internal(set) var indexSources: [IndexSource] = []
    /// The index price: median of the sources that are near their median.
    public internal(set) var indexPrice: Price?
    /// The mark price, which drives margin and PnL.
    public internal(set) var markPrice: Price?
    /// The price of the last trade.
    public internal(set) var lastTradePrice: Price?
    /// Samples of (mid − index) within the mark price's basis window, oldest first.
    var basisSamples: Deque<BasisSample> = []
    /// The sum of `basisSamples`.
    var basisSum: Int64 = 0
    /// Funding accumulators and schedule.
    public internal(set) var funding: FundingState
    /// Positions by liquidation price.
    var liquidationIndex = LiquidationIndex()
    /// Accounts with cross positions here and in another market, whose trigger here moves when
    /// another market's mark moves: they are checked on every mark update of this market.
    var multiMarketCrossAccounts = OrderedSet<Int>()
    /// Accounts with a position slot here, for deleveraging and the ADL indicator.
    var holders = MarketHolders()

    init(spec: MarketSpec, index: Int, createdAt time: Timestamp) {
        self.spec = spec
        self.index = index
        let interval = spec.funding.intervalMilliseconds
        self.funding = FundingState(nextFundingTime: (time / interval + 1) * interval)
    }

    /// The symbol.
    public var symbol: String { spec.symbol }
}

/// A market's funding schedule and premium samples since the last settlement.
public struct FundingState: Hashable, Sendable, Codable {
    /// When the next settlement is due.
    public internal(set) var nextFundingTime: Timestamp
    /// The last settled rate (used by the mark price's first term).
    public internal(set) var lastRate: Rate = .zero
    /// The sum of premium samples `(mid − index) / index` since the last settlement.
    var premiumSum: Int64 = 0
    /// How many premium samples were taken.
    var premiumSampleCount: Int64 = 0
}

/// The latest price of one index source.
public struct IndexSource: Hashable, Sendable, Codable {
    /// The source's name.
    public var source: String
    /// Its latest price.
    public var price: Price
}

/// One sample of the basis (mid − index) for the mark price's moving average.
struct BasisSample: Hashable, Sendable, Codable {
    var time: Timestamp
    var basis: Price
}
