import Hummingbird

/// Binance's public market data under `/fapi/v1`: `ping`, `time`, `exchangeInfo`, `depth`, `trades`,
/// `premiumIndex`, `fundingRate`, `ticker/price`, `insuranceBalance`, `symbolAdlRisk`.
public enum MarketDataRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/ping") { _, _ in try JSONResponse.make([String: String]()) }
        router.get("/fapi/v1/time") { _, _ in
            try JSONResponse.make(["serverTime": await services.venue.now])
        }
    }
}
