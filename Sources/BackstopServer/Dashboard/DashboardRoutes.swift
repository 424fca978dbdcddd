import Hummingbird

/// The risk operator's page at `/`, and the data it polls.
///
/// `GET /` is one self-contained HTML page (``DashboardPage``) that polls
/// `GET /dashboard/v1/state` (``DashboardState``) every second. Neither needs a key: the page is
/// for the venue's operators and belongs behind the venue's own access control.
public enum DashboardRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        let cache = MarketRiskCache()
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
        router.get("dashboard/v1/state") { request, _ in
            let parameters = try RequestParameters(query: request.uri.query ?? "", body: "")
            let limit = Int(try parameters.integer("limit", in: 1...500) ?? 100)
            let now = services.authenticator.clock.now()
            let state = await services.venue.read { engine, history in
                DashboardState(engine: engine, history: history, cache: cache, now: now, eventLimit: limit)
            }
            var response = try JSONResponse.make(state)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
