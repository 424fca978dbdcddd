import BackstopEngine
import Hummingbird

extension AdminRoutes {
    /// `GET /admin/v1/insuranceFund` with an optional `limit` (1 to 500, 20 unless given): every
    /// pool with its balance, equity, positions and its latest `limit` ledger lines.
    static func insuranceFunds(_ request: Request, services: VenueServices) async throws -> Response {
        let parameters = try await services.admin(request)
        let limit = Int(try parameters.integer("limit", in: 1...500) ?? 20)
        let pools = await services.venue.read { engine, _ in
            engine.insurancePools.map { InsuranceFundState($0, engine: engine, historyLimit: limit) }
        }
        return try JSONResponse.make(pools)
    }
}
