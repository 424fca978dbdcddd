import BackstopEngine

/// The engine's enumerations as Binance spells them, and back.
enum BinanceNames {
    static func side(_ side: Side) -> String { side == .buy ? "BUY" : "SELL" }

    static func side(_ text: String) -> Side? {
        switch text {
        case "BUY": .buy
        case "SELL": .sell
        default: nil
        }
    }

    static func orderType(_ type: OrderType) -> String { type == .limit ? "LIMIT" : "MARKET" }

    static func orderType(_ text: String) -> OrderType? {
        switch text {
        case "LIMIT": .limit
        case "MARKET": .market
        default: nil
        }
    }

    static func timeInForce(_ timeInForce: TimeInForce) -> String {
        switch timeInForce {
        case .gtc: "GTC"
        case .ioc: "IOC"
        case .fok: "FOK"
        case .postOnly: "GTX"
        }
    }

    static func timeInForce(_ text: String) -> TimeInForce? {
        switch text {
        case "GTC": .gtc
        case "IOC": .ioc
        case "FOK": .fok
        case "GTX": .postOnly
        default: nil
        }
    }

    static func selfTradePrevention(_ mode: SelfTradePrevention) -> String {
        switch mode {
        case .none: "NONE"
        case .expireTaker: "EXPIRE_TAKER"
        case .expireMaker: "EXPIRE_MAKER"
        case .expireBoth: "EXPIRE_BOTH"
        }
    }

    static func selfTradePrevention(_ text: String) -> SelfTradePrevention? {
        switch text {
        case "NONE": SelfTradePrevention.none
        case "EXPIRE_TAKER": .expireTaker
        case "EXPIRE_MAKER": .expireMaker
        case "EXPIRE_BOTH": .expireBoth
        default: nil
        }
    }

    /// `cross` or `isolated`, as positionRisk v2 spells the margin type.
    static func marginType(_ mode: MarginMode) -> String { mode == .cross ? "cross" : "isolated" }

    /// `CROSSED` or `ISOLATED`, as the marginType endpoint takes it.
    static func marginMode(_ text: String) -> MarginMode? {
        switch text {
        case "CROSSED": .cross
        case "ISOLATED": .isolated
        default: nil
        }
    }
}
