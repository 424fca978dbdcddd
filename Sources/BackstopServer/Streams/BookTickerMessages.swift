import BackstopCore
import BackstopEngine

/// `bookTicker` for `<symbol>@bookTicker` and `!bookTicker` (one message per market, as Binance
/// sends it), when a command changed the best bid or ask, in price or in quantity.
///
/// Whether the top changed is read from the levels the command changed: a side's top changed when
/// one of its changed levels is at or better than its best price now, or when the side emptied.
/// `u` is the depth update id of the command's `depthUpdate`; an empty side shows `0` for its price
/// and quantity.
enum BookTickerMessages {
    /// The messages of the command's book changes.
    static func render(changes: [DepthChange], engine: Engine, time: Timestamp) -> [StreamMessage] {
        var messages: [StreamMessage] = []
        for change in changes {
            guard let market = engine.market(change.symbol), topChanged(change, book: market.book) else { continue }
            let payload = payload(change, book: market.book, spec: market.spec, time: time)
            messages.append(StreamMessage(audience: StreamMessages.stream(change.symbol, "bookTicker"), payload: payload))
            messages.append(StreamMessage(audience: .stream("!bookTicker"), payload: payload))
        }
        return messages
    }

    /// True when the change reached the best bid or the best ask.
    static func topChanged(_ change: DepthChange, book: OrderBook) -> Bool {
        let bidTop = !change.bids.isEmpty && book.bestBid.map { best in change.bids.contains { $0 >= best } } ?? true
        let askTop = !change.asks.isEmpty && book.bestAsk.map { best in change.asks.contains { $0 <= best } } ?? true
        return bidTop || askTop
    }

    /// A `bookTicker`: `b` and `B` the best bid and its quantity, `a` and `A` the best ask and its.
    static func payload(_ change: DepthChange, book: OrderBook, spec: MarketSpec, time: Timestamp) -> String {
        let bid = book.depth(.buy, limit: 1).first
        let ask = book.depth(.sell, limit: 1).first
        var json = JSONObjectWriter()
        json.field("e", "bookTicker")
        json.field("u", change.updateId)
        json.field("E", time)
        json.field("T", time)
        json.field("s", change.symbol)
        json.field("b", BinanceFormat.price(bid?.price ?? .zero, spec))
        json.field("B", BinanceFormat.quantity(bid?.quantity ?? .zero, spec))
        json.field("a", BinanceFormat.price(ask?.price ?? .zero, spec))
        json.field("A", BinanceFormat.quantity(ask?.quantity ?? .zero, spec))
        return json.json
    }
}
