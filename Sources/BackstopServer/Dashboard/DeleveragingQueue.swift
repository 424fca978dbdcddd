import BackstopCore
import BackstopEngine

/// One market's auto-deleveraging queue in brief: how many positions, and how much notional at the
/// mark, stand in each quantile (0 to 4, 4 first in line) on each side.
public struct DeleveragingQueue: Encodable, Sendable {
    /// The positions of one side in one quantile.
    public struct Bucket: Encodable, Sendable {
        /// 0 to 4; 4 is deleveraged first.
        public var quantile: Int
        /// How many positions stand in it.
        public var positions: Int = 0
        /// Their notional at the mark, each rounded up.
        public var notional: Money = .zero
    }

    /// The market.
    public var symbol: String
    /// The market's deleveraging policy, which ranks the queue.
    public var policy: DeleveragingPolicyName
    /// Long positions by quantile, 0 to 4.
    public var longs: [Bucket]
    /// Short positions by quantile, 0 to 4.
    public var shorts: [Bucket]

    /// The queue of `market` in `engine`, from ``Engine/deleveragingIndicators(_:)`` (every open
    /// position of the market is scored and ranked: about 60 ms at a million positions).
    public init(_ market: MarketState, engine: Engine) {
        symbol = market.symbol
        policy = market.spec.deleveraging.policy
        longs = (0...4).map { Bucket(quantile: $0) }
        shorts = (0...4).map { Bucket(quantile: $0) }
        let mark = market.markPrice
        for indicator in engine.deleveragingIndicators(market.symbol) {
            let quantity = engine.account(indicator.account)?.position(market: market.index)?.quantity ?? .zero
            let notional = mark.map { MarginMath.notional(quantity, at: $0) } ?? .zero
            let quantile = min(max(indicator.quantile, 0), 4)
            if indicator.side == .buy {
                longs[quantile].positions += 1
                longs[quantile].notional = TradeWindow.saturating(longs[quantile].notional, notional)
            } else {
                shorts[quantile].positions += 1
                shorts[quantile].notional = TradeWindow.saturating(shorts[quantile].notional, notional)
            }
        }
    }
}
