import BackstopCore
import BackstopEngine
import Hummingbird

/// `GET /fapi/v1/depth?symbol=&limit=`: the book's aggregated levels, best first, with the
/// `lastUpdateId` that the `depthUpdate` stream continues from.
enum MarketDataDepth {
    /// The limits Binance accepts; 500 when none is given.
    static let limits = [5, 10, 20, 50, 100, 500, 1000]

    struct Answer: Encodable {
        var lastUpdateId: UInt64
        var E: Int64
        var T: Int64
        var bids: [[String]]
        var asks: [[String]]
    }

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/depth") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await services.symbol(parameters)
            let limit = try MarketDataRoutes.limit(parameters, fallback: 500, range: 1...1000)
            guard limits.contains(limit) else {
                throw APIError.badValue("limit", "expected one of " + limits.map(String.init).joined(separator: ", "))
            }
            let now = await services.venue.now
            guard let answer = await services.venue.read({ engine, history in
                MarketDataDepth.answer(symbol: symbol, limit: limit, engine: engine, feed: history.marketFeed, now: now)
            }) else { throw APIError.badSymbol }
            return try JSONResponse.make(answer)
        }
    }

    /// The answer for a known market.
    static func answer(symbol: String, limit: Int, engine: Engine, feed: MarketFeed, now: Timestamp) -> Answer? {
        guard let market = engine.market(symbol) else { return nil }
        func levels(_ side: Side) -> [[String]] {
            market.book.depth(side, limit: limit).map {
                [BinanceFormat.price($0.price, market.spec), BinanceFormat.quantity($0.quantity, market.spec)]
            }
        }
        return Answer(
            lastUpdateId: feed.depthUpdateId(symbol), E: now, T: engine.time, bids: levels(.buy), asks: levels(.sell))
    }
}
