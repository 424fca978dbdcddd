import Hummingbird

/// Binance's signed trading endpoints: `order` (place, query, cancel), `openOrders`, `allOpenOrders`,
/// `leverage`, `marginType`, `positionMargin`.
public enum TradingRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {}
}
