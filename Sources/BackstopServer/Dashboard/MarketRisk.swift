import BackstopCore
import BackstopEngine

/// The figures of a market that cost a pass over its positions: open interest, the deleveraging
/// risk rating and the deleveraging queue. The page reads them through ``MarketRiskCache``.
public struct MarketRisk: Encodable, Sendable {
    /// The market.
    public var symbol: String
    /// The long open interest (equal to the short).
    public var openInterest: Quantity
    /// Its notional at the mark.
    public var openInterestNotional: Money
    /// Binance's `symbolAdlRisk` rating from the fund's coverage of open interest.
    public var adlRisk: DeleveragingRisk.Rating?
    /// The queue by quantile.
    public var queue: DeleveragingQueue

    /// The figures of `market` in `engine`.
    public init(_ market: MarketState, engine: Engine) {
        symbol = market.symbol
        let risk = engine.deleveragingRisk(market.symbol)
        openInterest = engine.openInterest(market.symbol)
        openInterestNotional = risk?.openInterestNotional ?? .zero
        adlRisk = risk?.rating
        queue = DeleveragingQueue(market, engine: engine)
    }

    /// The figures of every market, in listing order.
    public static func all(in engine: Engine) -> [MarketRisk] {
        engine.markets.map { MarketRisk($0, engine: engine) }
    }
}
