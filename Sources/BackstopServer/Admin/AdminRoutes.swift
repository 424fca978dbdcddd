import BackstopEngine
import Hummingbird

/// The operator's API under `/admin/v1`, signed with the admin key: markets, index prices, credits
/// and debits, API keys, funding and the insurance fund.
///
/// Every endpoint verifies the admin key's signature first; any trader key is refused with -2015
/// before anything is read or changed. Parameters come as a query string or a form body, as
/// Binance's do; a market or fund spec comes as a JSON body, signed after the query string (see
/// ``SignedJSONBody``). A request the engine refuses changes nothing and answers the engine's
/// message in Binance's error shape.
public enum AdminRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        let admin = router.group("admin/v1")
        admin.post("market") { request, _ in try await createMarket(request, services: services) }
        admin.post("insuranceFund") { request, _ in try await createInsuranceFund(request, services: services) }
        admin.get("insuranceFund") { request, _ in try await insuranceFunds(request, services: services) }
        admin.post("indexPrice") { request, _ in try await indexPrice(request, services: services) }
        admin.post("deposit") { request, _ in try await transfer(request, services: services, deposit: true) }
        admin.post("withdraw") { request, _ in try await transfer(request, services: services, deposit: false) }
        admin.post("apiKey") { request, _ in try await createAPIKey(request, services: services) }
        admin.post("funding") { request, _ in try await settleFunding(request, services: services) }
    }

    /// Applies `action` and answers from its events and the state right after them, or throws the
    /// engine's refusal as a Binance error (nothing changed then).
    static func submit<Answer: Sendable>(
        _ action: Command.Action, services: VenueServices,
        respond: @escaping @Sendable (_ events: [Event], _ engine: Engine) throws -> Answer
    ) async throws -> Answer {
        try await services.venue.submit(action) { events, engine, _ in
            if case .rejected(let rejection) = events.first { throw APIError(rejection) }
            return try respond(events, engine)
        }
    }
}
