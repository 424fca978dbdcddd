import BackstopCore
import BackstopEngine
import Hummingbird

/// `GET /fapi/v1/ticker/price`, `GET /fapi/v2/ticker/price` (the last trade price) and
/// `GET /fapi/v1/ticker/24hr` (the last 24 hours of trades, counted by whole minutes). A market
/// that has not traded shows `0` as its last price.
enum MarketDataTickers {
    struct Price: Encodable {
        var symbol: String
        var price: String
        var time: Int64
    }

    struct Day: Encodable {
        var symbol: String
        var priceChange: String
        var priceChangePercent: String
        var weightedAvgPrice: String
        var lastPrice: String
        var lastQty: String
        var openPrice: String
        var highPrice: String
        var lowPrice: String
        var volume: String
        var quoteVolume: String
        var openTime: Int64
        var closeTime: Int64
        var firstId: Int64
        var lastId: Int64
        var count: Int
    }

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        for path in ["/fapi/v1/ticker/price", "/fapi/v2/ticker/price"] {
            router.get(RouterPath(path)) { request, _ in
                let parameters = try await services.parameters(of: request)
                let symbol = try await MarketDataRoutes.optionalSymbol(parameters, services: services)
                let answers = await services.venue.read { engine, history in
                    engine.markets.filter { symbol == nil || $0.symbol == symbol }.map {
                        price($0, last: history.marketFeed.recentTrades[$0.symbol]?.latest(1).first)
                    }
                }
                return try MarketDataRoutes.oneOrAll(symbol, answers)
            }
        }
        router.get("/fapi/v1/ticker/24hr") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await MarketDataRoutes.optionalSymbol(parameters, services: services)
            let now = await services.venue.now
            let answers = await services.venue.read { engine, history in
                engine.markets.filter { symbol == nil || $0.symbol == symbol }.map {
                    day($0, feed: history.marketFeed, now: now)
                }
            }
            return try MarketDataRoutes.oneOrAll(symbol, answers)
        }
    }

    /// A market's last trade price and time.
    static func price(_ market: MarketState, last: PublicTrade?) -> Price {
        Price(
            symbol: market.symbol, price: (market.lastTradePrice ?? .zero).formatted(places: places(market)),
            time: last?.time ?? 0)
    }

    /// A market's 24-hour ticker at `now`.
    static func day(_ market: MarketState, feed: MarketFeed, now: Timestamp) -> Day {
        let spec = market.spec
        let minutes = feed.tradeWindows[market.symbol]?.minutes(endingAt: now) ?? []
        let last = market.lastTradePrice ?? .zero
        let lastQuantity = feed.recentTrades[market.symbol]?.latest(1).first?.quantity ?? .zero
        let open = minutes.first?.open ?? last
        let volume = minutes.reduce(Quantity.zero) { TradeWindow.saturating($0, $1.volume) }
        let quoteVolume = minutes.reduce(Money.zero) { TradeWindow.saturating($0, $1.quoteVolume) }
        let change = open.isPositive ? last.relativeChange(from: open, rounding: .halfEven) : .zero
        return Day(
            symbol: market.symbol, priceChange: BinanceFormat.price(last - open, spec),
            priceChangePercent: percent(change).formatted(places: 3),
            weightedAvgPrice: volume.isZero ? "0" : BinanceFormat.price(quoteVolume.price(per: volume, rounding: .halfEven), spec),
            lastPrice: BinanceFormat.price(last, spec), lastQty: BinanceFormat.quantity(lastQuantity, spec),
            openPrice: BinanceFormat.price(open, spec),
            highPrice: BinanceFormat.price(minutes.map(\.high).max() ?? last, spec),
            lowPrice: BinanceFormat.price(minutes.map(\.low).min() ?? last, spec),
            volume: BinanceFormat.quantity(volume, spec), quoteVolume: quoteVolume.description,
            openTime: now - TradeWindow.minutes * 60_000, closeTime: now,
            firstId: minutes.first.map { Int64($0.firstTradeId) } ?? -1, lastId: minutes.last.map { Int64($0.lastTradeId) } ?? -1,
            count: minutes.reduce(0) { $0 + $1.count })
    }

    /// A fraction as a percentage to three decimals, saturating for changes beyond `Rate`'s range.
    static func percent(_ fraction: Rate) -> Rate {
        let (scaled, overflow) = fraction.raw.multipliedReportingOverflow(by: 100)
        let percent = Rate(raw: overflow ? (fraction.isNegative ? -Int64.max : Int64.max) : scaled)
        return percent.rounded(toMultipleOf: Rate(raw: 100_000), .halfEven)
    }

    private static func places(_ market: MarketState) -> Int { BinanceFormat.places(of: market.spec.tickSize) }
}
