import Hummingbird

/// Binance's signed account endpoints: `account`, `balance`, `positionRisk`, `userTrades`, `income`,
/// `adlQuantile`, `forceOrders`, and `listenKey` for the user data stream.
public enum AccountRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {}
}
