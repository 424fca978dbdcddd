import Hummingbird

/// Binance's public market data under `/fapi`: `ping`, `time`, `exchangeInfo`, `depth`, `trades`,
/// `aggTrades`, `premiumIndex`, `fundingRate`, `ticker/price` (v1 and v2), `ticker/24hr`,
/// `insuranceBalance` and `symbolAdlRisk`. Every endpoint taking a `symbol` answers -1121 for an
/// unknown one; those where it is optional answer for every market without it.
public enum MarketDataRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/ping") { _, _ in try JSONResponse.make([String: String]()) }
        router.get("/fapi/v1/time") { _, _ in
            try JSONResponse.make(["serverTime": await services.venue.now])
        }
        MarketDataExchangeInfo.register(on: router, services: services)
        MarketDataDepth.register(on: router, services: services)
        MarketDataTrades.register(on: router, services: services)
        MarketDataFunding.register(on: router, services: services)
        MarketDataTickers.register(on: router, services: services)
        MarketDataRisk.register(on: router, services: services)
    }

    /// The market named by an optional `symbol` parameter.
    ///
    /// - Throws: ``APIError`` -1121 when it names no market.
    static func optionalSymbol(_ parameters: RequestParameters, services: VenueServices) async throws -> String? {
        parameters["symbol"] == nil ? nil : try await services.symbol(parameters)
    }

    /// The one answer for a `symbol` that was asked for, or the list of all of them.
    static func oneOrAll(_ symbol: String?, _ answers: [some Encodable]) throws -> Response {
        if symbol != nil, let answer = answers.first { return try JSONResponse.make(answer) }
        return try JSONResponse.make(answers)
    }

    /// A `limit` parameter: `fallback` when absent, refused with -1130 outside `range`.
    static func limit(_ parameters: RequestParameters, fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = parameters["limit"] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badValue("limit", "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
