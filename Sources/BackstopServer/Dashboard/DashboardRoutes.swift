import Hummingbird

/// The risk operator's page at `/`, and the data it polls.
public enum DashboardRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {}
}
