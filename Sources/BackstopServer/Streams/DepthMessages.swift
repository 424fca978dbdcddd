import BackstopCore
import BackstopEngine

/// `depthUpdate` for `<symbol>@depth` (every speed suffix is the same audience) with the levels the
/// command changed, and for `<symbol>@depth5`, `@depth10` and `@depth20` with the top levels.
///
/// `U` and `u` are the market's update id after the command and `pu` the one before, so each
/// update follows the previous one and the snapshot's `lastUpdateId` (see ``MarketFeed``).
enum DepthMessages {
    /// The partial depth streams and their number of levels.
    static let partialDepths = [5, 10, 20]

    /// The messages of the command's book changes.
    static func render(changes: [DepthChange], engine: Engine, time: Timestamp) -> [StreamMessage] {
        var messages: [StreamMessage] = []
        for change in changes {
            guard let market = engine.market(change.symbol) else { continue }
            let bids = levels(change.bids, side: .buy, book: market.book, spec: market.spec)
            let asks = levels(change.asks, side: .sell, book: market.book, spec: market.spec)
            messages.append(StreamMessage(
                audience: StreamMessages.stream(change.symbol, "depth"),
                payload: payload(change, bids: bids, asks: asks, time: time)))
            let topBids = market.book.depth(.buy, limit: partialDepths.last!)
            let topAsks = market.book.depth(.sell, limit: partialDepths.last!)
            for depth in partialDepths {
                messages.append(StreamMessage(
                    audience: StreamMessages.stream(change.symbol, "depth\(depth)"),
                    payload: payload(
                        change, bids: topBids.prefix(depth).map { level(market.spec, $0.price, $0.quantity) },
                        asks: topAsks.prefix(depth).map { level(market.spec, $0.price, $0.quantity) }, time: time)))
            }
        }
        return messages
    }

    /// A `depthUpdate` with the given levels.
    static func payload(_ change: DepthChange, bids: [String], asks: [String], time: Timestamp) -> String {
        var json = JSONObjectWriter()
        json.field("e", "depthUpdate")
        json.field("E", time)
        json.field("T", time)
        json.field("s", change.symbol)
        json.field("U", change.updateId)
        json.field("u", change.updateId)
        json.field("pu", change.previousUpdateId)
        json.raw("b", JSONText.array(bids))
        json.raw("a", JSONText.array(asks))
        return json.json
    }

    /// The changed prices with their quantities now; `0` for a level that is gone.
    private static func levels(_ prices: [Price], side: Side, book: OrderBook, spec: MarketSpec) -> [String] {
        guard !prices.isEmpty else { return [] }
        let standing = book.depth(side)
        return prices.map { price in
            level(spec, price, quantity(at: price, in: standing, descending: side == .buy))
        }
    }

    /// The quantity at a price among levels sorted best first.
    private static func quantity(
        at price: Price, in levels: [(price: Price, quantity: Quantity, orders: Int)], descending: Bool
    ) -> Quantity {
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            let before = descending ? levels[middle].price > price : levels[middle].price < price
            if before { low = middle + 1 } else { high = middle }
        }
        return low < levels.count && levels[low].price == price ? levels[low].quantity : .zero
    }

    /// One level, `["price","quantity"]`.
    static func level(_ spec: MarketSpec, _ price: Price, _ quantity: Quantity) -> String {
        JSONText.array([
            JSONText.string(BinanceFormat.price(price, spec)), JSONText.string(BinanceFormat.quantity(quantity, spec)),
        ])
    }
}
