import Hummingbird

/// The operator's API under `/admin/v1`, signed with the admin key: markets, index prices, credits
/// and debits, API keys, funding and the insurance fund.
public enum AdminRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {}
}
