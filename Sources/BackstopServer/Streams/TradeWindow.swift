import BackstopCore
import BackstopEngine

/// A market's trades of the last 24 hours summed per minute, for the 24-hour ticker: its size
/// stays bounded however many trades there are.
public struct TradeWindow: Sendable {
    /// The trades of one minute.
    public struct Minute: Hashable, Sendable {
        /// Minutes since the epoch.
        public var minute: Int64
        public var open: Price
        public var high: Price
        public var low: Price
        public var close: Price
        public var lastQuantity: Quantity
        public var volume: Quantity
        public var quoteVolume: Money
        public var firstTradeId: UInt64
        public var lastTradeId: UInt64
        public var count: Int
    }

    /// The window's length in minutes.
    public static let minutes: Int64 = 24 * 60
    /// Minutes with trades, oldest first.
    public private(set) var buckets: [Minute] = []

    /// No trades.
    public init() {}

    /// Adds a trade and forgets minutes that left the window.
    mutating func add(_ trade: PublicTrade) {
        let minute = trade.time / 60_000
        let value = trade.quantity.value(at: trade.price, rounding: .halfEven)
        if var last = buckets.last, last.minute == minute {
            last.high = max(last.high, trade.price)
            last.low = min(last.low, trade.price)
            last.close = trade.price
            last.lastQuantity = trade.quantity
            last.volume = Self.saturating(last.volume, trade.quantity)
            last.quoteVolume = Self.saturating(last.quoteVolume, value)
            last.lastTradeId = trade.tradeId
            last.count += 1
            buckets[buckets.count - 1] = last
        } else {
            buckets.append(Minute(
                minute: minute, open: trade.price, high: trade.price, low: trade.price, close: trade.price,
                lastQuantity: trade.quantity, volume: trade.quantity, quoteVolume: value, firstTradeId: trade.tradeId,
                lastTradeId: trade.tradeId, count: 1))
        }
        if let stale = buckets.firstIndex(where: { $0.minute > minute - Self.minutes }), stale > 0 {
            buckets.removeFirst(stale)
        }
    }

    /// The minutes within 24 hours before `now` (the current minute included), oldest first.
    /// `a + b`, or the largest value of the kind when the sum does not fit: a day of heavy trading
    /// can add up to more than `Money` holds (92 billion), and a statistic must not stop the venue.
    public static func saturating<Value: FixedPointDecimal>(_ a: Value, _ b: Value) -> Value {
        a.addingReportingOverflow(b) ?? Value(raw: b.isNegative ? -Int64.max : Int64.max)
    }

    public func minutes(endingAt now: Timestamp) -> [Minute] {
        let current = now / 60_000
        return buckets.filter { $0.minute > current - Self.minutes && $0.minute <= current }
    }
}
