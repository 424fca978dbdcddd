import BackstopCore
import BackstopEngine

/// One public trade of a market: a match in the book, a liquidation order's fill included.
public struct PublicTrade: Hashable, Sendable {
    public var tradeId: UInt64
    public var time: Timestamp
    public var price: Price
    public var quantity: Quantity
    public var takerSide: Side
    /// The taker's order, which groups trades into aggregate trades.
    public var takerOrderId: OrderID
}

/// The latest public trades of one market, oldest first, at most ``capacity``.
public struct RecentTrades: Sendable {
    /// How many trades are kept.
    public static let capacity = 1_000
    /// A ring: once full, `next` is where the oldest trade is, and the next one goes.
    private var ring: [PublicTrade] = []
    private var next = 0

    /// No trades.
    public init() {}

    /// Adds a trade, forgetting the oldest past the capacity.
    mutating func append(_ trade: PublicTrade) {
        if ring.count < Self.capacity {
            ring.append(trade)
        } else {
            ring[next] = trade
            next = (next + 1) % Self.capacity
        }
    }

    /// The latest `limit` trades, oldest first.
    public func latest(_ limit: Int) -> [PublicTrade] {
        let ordered = ring[next...] + ring[..<next]
        return Array(ordered.suffix(limit))
    }
}
