/// The side of an order or a trade.
public enum Side: String, Hashable, Sendable, Codable {
    case buy, sell

    /// The other side.
    @inlinable public var opposite: Side { self == .buy ? .sell : .buy }
    /// `+1` for a buy, `-1` for a sell.
    @inlinable public var sign: Int64 { self == .buy ? 1 : -1 }
}

/// Whether an order rests at a price or takes whatever the book offers.
public enum OrderType: String, Hashable, Sendable, Codable {
    case limit, market
}

/// How long an order lives and how it may match (Binance's `timeInForce`).
public enum TimeInForce: String, Hashable, Sendable, Codable {
    /// Good till cancelled: fills what it can, rests the rest.
    case gtc
    /// Immediate or cancel: fills what it can, expires the rest.
    case ioc
    /// Fill or kill: fills completely at once or not at all.
    case fok
    /// Post only (Binance GTX): rests without matching, or is rejected.
    case postOnly
}

/// What happens when an order would trade against another order of the same account.
public enum SelfTradePrevention: String, Hashable, Sendable, Codable {
    /// Trades anyway.
    case none
    /// Expires the incoming order's remainder.
    case expireTaker
    /// Expires the resting order and keeps matching.
    case expireMaker
    /// Expires both.
    case expireBoth
}

/// How a position is margined.
public enum MarginMode: String, Hashable, Sendable, Codable {
    /// Shares the account's cross balance with every other cross position.
    case cross
    /// Has margin of its own; its losses never reach the rest of the account.
    case isolated
}
