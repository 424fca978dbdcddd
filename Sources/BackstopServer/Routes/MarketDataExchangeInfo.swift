import BackstopCore
import BackstopEngine
import Hummingbird

/// `GET /fapi/v1/exchangeInfo`: every market as a USD-M perpetual with its filters, precisions and
/// margin figures, and the settlement assets.
enum MarketDataExchangeInfo {
    struct Answer: Encodable {
        var timezone = "UTC"
        var serverTime: Int64
        var futuresType = "U_MARGINED"
        var rateLimits: [RateLimit]
        var exchangeFilters: [String] = []
        var assets: [Asset]
        var symbols: [Symbol]
    }

    /// Binance's published limits, for clients that pace themselves; the venue does not enforce them.
    struct RateLimit: Encodable {
        var rateLimitType: String
        var interval: String
        var intervalNum: Int
        var limit: Int
    }

    struct Asset: Encodable {
        var asset: String
        var marginAvailable = true
        var autoAssetExchange = "0"
    }

    struct Symbol: Encodable {
        var symbol: String
        var pair: String
        var contractType = "PERPETUAL"
        var deliveryDate: Int64 = 4_133_404_800_000
        var onboardDate: Int64
        var status = "TRADING"
        var maintMarginPercent: String
        var requiredMarginPercent: String
        var baseAsset: String
        var quoteAsset: String
        var marginAsset: String
        var pricePrecision: Int
        var quantityPrecision: Int
        var baseAssetPrecision = 8
        var quotePrecision = 8
        var underlyingType = "COIN"
        var underlyingSubType: [String] = []
        var triggerProtect: String
        var liquidationFee: String
        var marketTakeBound: String
        var filters: [Filter]
        var orderTypes = ["LIMIT", "MARKET"]
        var timeInForce = ["GTC", "IOC", "FOK", "GTX"]
    }

    /// One filter; the fields a filter type lacks are left out.
    struct Filter: Encodable {
        var filterType: String
        var minPrice: String?
        var maxPrice: String?
        var tickSize: String?
        var minQty: String?
        var maxQty: String?
        var stepSize: String?
        var notional: String?
        var limit: Int?
        var multiplierUp: String?
        var multiplierDown: String?
        var multiplierDecimal: String?
    }

    static let rateLimits = [
        RateLimit(rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: 2400),
        RateLimit(rateLimitType: "ORDERS", interval: "MINUTE", intervalNum: 1, limit: 1200),
        RateLimit(rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 300),
    ]

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/exchangeInfo") { _, _ in
            let now = await services.venue.now
            let answer = await services.venue.read { engine, history in
                MarketDataExchangeInfo.answer(engine: engine, feed: history.marketFeed, now: now)
            }
            return try JSONResponse.make(answer)
        }
    }

    /// The answer for the engine's markets.
    static func answer(engine: Engine, feed: MarketFeed, now: Timestamp) -> Answer {
        var assets: [String] = []
        for market in engine.markets where !assets.contains(market.spec.quoteAsset) {
            assets.append(market.spec.quoteAsset)
        }
        return Answer(
            serverTime: now, rateLimits: rateLimits, assets: assets.map { Asset(asset: $0) },
            symbols: engine.markets.map { symbol($0.spec, listed: feed.listingTimes[$0.symbol] ?? 0) })
    }

    /// One market's entry.
    static func symbol(_ spec: MarketSpec, listed: Timestamp) -> Symbol {
        let band = spec.priceBand
        let tier = spec.riskTiers[0]
        return Symbol(
            symbol: spec.symbol, pair: spec.symbol, onboardDate: listed,
            maintMarginPercent: Rate(raw: tier.maintenanceMarginRate.raw * 100).formatted(places: 4),
            requiredMarginPercent: Rate(units: 100).divided(by: Int64(tier.maxLeverage), rounding: .up).formatted(places: 4),
            baseAsset: spec.baseAsset, quoteAsset: spec.quoteAsset, marginAsset: spec.quoteAsset,
            pricePrecision: BinanceFormat.places(of: spec.tickSize), quantityPrecision: BinanceFormat.places(of: spec.lotSize),
            triggerProtect: band.description, liquidationFee: spec.liquidationFeeRate.description,
            marketTakeBound: band.description,
            filters: [
                Filter(
                    filterType: "PRICE_FILTER", minPrice: spec.tickSize.description, maxPrice: spec.maxPrice.description,
                    tickSize: spec.tickSize.description),
                Filter(
                    filterType: "LOT_SIZE", minQty: spec.lotSize.description, maxQty: spec.maxOrderQuantity.description,
                    stepSize: spec.lotSize.description),
                Filter(
                    filterType: "MARKET_LOT_SIZE", minQty: spec.lotSize.description,
                    maxQty: spec.maxOrderQuantity.description, stepSize: spec.lotSize.description),
                Filter(filterType: "MAX_NUM_ORDERS", limit: Engine.maxOpenOrdersPerMarket),
                Filter(filterType: "MIN_NOTIONAL", notional: spec.minNotional.description),
                Filter(
                    filterType: "PERCENT_PRICE", multiplierUp: (Rate.one + band).formatted(places: 4),
                    multiplierDown: (Rate.one - band).formatted(places: 4), multiplierDecimal: "4"),
            ])
    }
}
