import Hummingbird
import HummingbirdWebSocket

/// The WebSocket endpoints, under no prefix and under Binance's `/market`, `/public` and
/// `/private` routes alike: `/ws/<stream>` (raw messages), `/ws` (subscribe by request),
/// `/stream?streams=a/b` (combined: `{"stream":...,"data":...}`), and ccxt.pro's `/ws/<n>`, where a
/// number is a connection index rather than a stream. A listen key, as a stream name or as the
/// `listenKey` query parameter, subscribes to that account's user data.
public enum StreamRoutes {
    /// The route prefixes.
    static let prefixes = ["", "/market", "/public", "/private"]

    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        for prefix in prefixes {
            router.ws(RouterPath(prefix + "/ws")) { inbound, outbound, context in
                try await StreamSession.serve(
                    names: listenKey(context.request), combined: false, services: services, inbound: inbound,
                    outbound: outbound)
            }
            router.ws(RouterPath(prefix + "/ws/:name")) { inbound, outbound, context in
                let name = context.requestContext.parameters.get("name") ?? ""
                let names = name.allSatisfy(\.isNumber) ? [] : [name]
                try await StreamSession.serve(
                    names: names + listenKey(context.request), combined: false, services: services, inbound: inbound,
                    outbound: outbound)
            }
            router.ws(RouterPath(prefix + "/stream")) { inbound, outbound, context in
                let streams = context.request.uri.queryParameters["streams"].map(String.init) ?? ""
                let names = streams.split(separator: "/").map(String.init)
                try await StreamSession.serve(
                    names: names + listenKey(context.request), combined: true, services: services, inbound: inbound,
                    outbound: outbound)
            }
        }
    }

    /// The `listenKey` query parameter, if given.
    private static func listenKey(_ request: Request) -> [String] {
        request.uri.queryParameters["listenKey"].map { [String($0)] } ?? []
    }
}
