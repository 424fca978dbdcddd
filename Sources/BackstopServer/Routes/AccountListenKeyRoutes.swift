import Hummingbird

/// Binance's `listenKey` for the user data stream: open (or extend), keep alive, close. These need
/// only the API key, unsigned, as on Binance.
enum AccountListenKeyRoutes {
    struct ListenKeyAnswer: Encodable, Sendable {
        var listenKey: String
    }

    struct Empty: Encodable, Sendable {}

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.post("/fapi/v1/listenKey") { request, _ in
            let account = try services.keyHolder(request)
            let key = services.listenKeys.open(for: account, now: await services.venue.now)
            return try JSONResponse.make(ListenKeyAnswer(listenKey: key))
        }
        router.put("/fapi/v1/listenKey") { request, _ in
            let account = try services.keyHolder(request)
            let now = await services.venue.now
            guard services.listenKeys.keepAlive(for: account, now: now) else {
                throw APIError(-1125, "This listenKey does not exist.")
            }
            return try JSONResponse.make(ListenKeyAnswer(listenKey: services.listenKeys.open(for: account, now: now)))
        }
        router.delete("/fapi/v1/listenKey") { request, _ in
            let account = try services.keyHolder(request)
            services.listenKeys.close(for: account)
            return try JSONResponse.make(Empty())
        }
    }
}
