import BackstopCore
import BackstopEngine
import Hummingbird

extension AdminRoutes {
    /// `POST /admin/v1/market`: lists a market from a ``MarketSpec`` sent as a JSON body, and
    /// answers the spec as the engine holds it (validated, defaults filled in).
    static func createMarket(_ request: Request, services: VenueServices) async throws -> Response {
        let spec = try await SignedJSONBody.decode(MarketSpec.self, from: request, services: services)
        let listed = try await submit(.createMarket(spec), services: services) { _, engine in
            engine.market(spec.symbol)?.spec
        }
        guard let listed else { throw APIError.unknown("the market \(spec.symbol) was accepted but is not listed") }
        return try JSONResponse.make(listed)
    }

    /// `POST /admin/v1/insuranceFund`: creates an insurance fund pool from an
    /// ``InsuranceFundSpec`` sent as a JSON body, and answers the pool as ``InsuranceFundState``.
    static func createInsuranceFund(_ request: Request, services: VenueServices) async throws -> Response {
        let spec = try await SignedJSONBody.decode(InsuranceFundSpec.self, from: request, services: services)
        let created = try await submit(.createInsuranceFund(spec), services: services) { _, engine in
            engine.insurancePool(spec.name).map { InsuranceFundState($0, engine: engine, historyLimit: 0) }
        }
        guard let created else { throw APIError.unknown("the fund \(spec.name) was accepted but does not exist") }
        return try JSONResponse.make(created)
    }
}
