import BackstopCore
import BackstopEngine

/// Binance's spellings of the engine's values, shared by the public market data and the streams.
enum BinanceFormat {
    /// `BUY` or `SELL`.
    static func side(_ side: Side) -> String { side == .buy ? "BUY" : "SELL" }

    /// `GTC`, `IOC`, `FOK` or `GTX` (post only).
    static func timeInForce(_ timeInForce: TimeInForce) -> String {
        switch timeInForce {
        case .gtc: "GTC"
        case .ioc: "IOC"
        case .fok: "FOK"
        case .postOnly: "GTX"
        }
    }

    /// `cross` or `isolated`, as the user data stream writes margin types.
    static func marginType(_ mode: MarginMode) -> String { mode == .cross ? "cross" : "isolated" }

    /// Binance's self-trade prevention modes.
    static func selfTradePrevention(_ mode: SelfTradePrevention) -> String {
        switch mode {
        case .none: "NONE"
        case .expireTaker: "EXPIRE_TAKER"
        case .expireMaker: "EXPIRE_MAKER"
        case .expireBoth: "EXPIRE_BOTH"
        }
    }

    /// The number of decimals a step (tick or lot size) has: 1 for `0.1`, 0 for `1`.
    static func places<Value: FixedPointDecimal>(of step: Value) -> Int {
        guard let point = step.description.firstIndex(of: ".") else { return 0 }
        return step.description.distance(from: point, to: step.description.endIndex) - 1
    }

    /// A price with the market's price precision, such as `65000.0`.
    static func price(_ price: Price, _ spec: MarketSpec) -> String {
        price.formatted(places: places(of: spec.tickSize))
    }

    /// A quantity with the market's quantity precision, such as `0.010`.
    static func quantity(_ quantity: Quantity, _ spec: MarketSpec) -> String {
        quantity.formatted(places: places(of: spec.lotSize))
    }
}
