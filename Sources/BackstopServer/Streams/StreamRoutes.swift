import Hummingbird
import HummingbirdWebSocket

/// The WebSocket endpoints: `/ws/<stream>`, `/stream?streams=a/b` and `/ws/<listenKey>`.
public enum StreamRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {}
}
