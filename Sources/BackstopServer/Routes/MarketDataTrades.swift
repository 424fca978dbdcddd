import BackstopCore
import BackstopEngine
import Hummingbird

/// `GET /fapi/v1/trades` and `GET /fapi/v1/aggTrades`: a market's latest public trades, oldest
/// first, from the last ``RecentTrades/capacity`` kept.
enum MarketDataTrades {
    struct Trade: Encodable {
        var id: UInt64
        var price: String
        var qty: String
        var quoteQty: String
        var time: Int64
        var isBuyerMaker: Bool
    }

    struct AggregateTrade: Encodable {
        var a: UInt64
        var p: String
        var q: String
        var f: UInt64
        var l: UInt64
        var T: Int64
        var m: Bool
    }

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/trades") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await services.symbol(parameters)
            let limit = try MarketDataRoutes.limit(parameters, fallback: 500, range: 1...1000)
            let trades = await services.venue.read { engine, history in
                recent(symbol, engine: engine, feed: history.marketFeed).latest(limit)
            }
            let spec = try await spec(symbol, services: services)
            return try JSONResponse.make(trades.map {
                Trade(
                    id: $0.tradeId, price: BinanceFormat.price($0.price, spec), qty: BinanceFormat.quantity($0.quantity, spec),
                    quoteQty: $0.quantity.value(at: $0.price, rounding: .halfEven).description, time: $0.time,
                    isBuyerMaker: $0.takerSide == .sell)
            })
        }
        router.get("/fapi/v1/aggTrades") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await services.symbol(parameters)
            let limit = try MarketDataRoutes.limit(parameters, fallback: 500, range: 1...1000)
            let fromId = try parameters.integer("fromId", in: 0...Int64.max)
            let start = try parameters.integer("startTime")
            let end = try parameters.integer("endTime")
            let trades = await services.venue.read { engine, history in
                recent(symbol, engine: engine, feed: history.marketFeed).latest(RecentTrades.capacity)
            }
            let spec = try await spec(symbol, services: services)
            let selected = aggregate(trades).filter { group in
                fromId.map { group.first.tradeId >= UInt64($0) } ?? true
                    && start.map { group.first.time >= $0 } ?? true && end.map { group.first.time <= $0 } ?? true
            }
            let page = fromId != nil || start != nil ? Array(selected.prefix(limit)) : Array(selected.suffix(limit))
            return try JSONResponse.make(page.map { group in
                AggregateTrade(
                    a: group.first.tradeId, p: BinanceFormat.price(group.first.price, spec),
                    q: BinanceFormat.quantity(group.quantity, spec), f: group.first.tradeId, l: group.last.tradeId,
                    T: group.first.time, m: group.first.takerSide == .sell)
            })
        }
    }

    private static func recent(_ symbol: String, engine: Engine, feed: MarketFeed) -> RecentTrades {
        feed.recentTrades[symbol] ?? RecentTrades()
    }

    private static func spec(_ symbol: String, services: VenueServices) async throws -> MarketSpec {
        guard let spec = await services.venue.read({ engine, _ in engine.market(symbol)?.spec }) else {
            throw APIError.badSymbol
        }
        return spec
    }

    /// Consecutive trades of one taker order at one price, as the `aggTrade` stream groups them.
    static func aggregate(_ trades: [PublicTrade]) -> [(first: PublicTrade, last: PublicTrade, quantity: Quantity)] {
        var groups: [(first: PublicTrade, last: PublicTrade, quantity: Quantity)] = []
        for trade in trades {
            if let group = groups.last, group.first.takerOrderId == trade.takerOrderId, group.first.price == trade.price,
                group.last.time == trade.time
            {
                groups[groups.count - 1] = (group.first, trade, group.quantity + trade.quantity)
            } else {
                groups.append((trade, trade, trade.quantity))
            }
        }
        return groups
    }
}
