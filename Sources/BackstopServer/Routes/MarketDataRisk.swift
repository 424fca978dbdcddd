import BackstopCore
import BackstopEngine
import Hummingbird

/// `GET /fapi/v1/insuranceBalance` (each insurance fund's equity and the markets it stands behind)
/// and `GET /fapi/v1/symbolAdlRisk` (each market's deleveraging risk from its fund's coverage of
/// open interest).
enum MarketDataRisk {
    struct Fund: Encodable {
        var symbols: [String]
        var assets: [Asset]
    }

    struct Asset: Encodable {
        var asset: String
        var marginBalance: String
        var updateTime: Int64
    }

    struct AdlRisk: Encodable {
        var symbol: String
        var adlRisk: String
        var updateTime: Int64
    }

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/insuranceBalance") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await MarketDataRoutes.optionalSymbol(parameters, services: services)
            let answers = await services.venue.read { engine, _ in
                if let symbol { [fund(serving: symbol, engine: engine)] } else { engine.insurancePools.map { fund($0, engine: engine) } }
            }
            return try MarketDataRoutes.oneOrAll(symbol, answers)
        }
        router.get("/fapi/v1/symbolAdlRisk") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await MarketDataRoutes.optionalSymbol(parameters, services: services)
            let now = await services.venue.now
            let answers = await services.venue.read { engine, _ in
                engine.markets.filter { symbol == nil || $0.symbol == symbol }.compactMap { market in
                    engine.deleveragingRisk(market.symbol).map {
                        AdlRisk(symbol: $0.symbol, adlRisk: $0.rating.rawValue, updateTime: now)
                    }
                }
            }
            return try MarketDataRoutes.oneOrAll(symbol, answers)
        }
    }

    /// A pool with its equity (balance plus positions at mark) as of its latest ledger entry.
    static func fund(_ pool: InsurancePool, engine: Engine) -> Fund {
        let markets = engine.markets.filter { $0.spec.liquidation.insuranceFund == pool.name }
        let asset = markets.first?.spec.quoteAsset ?? AccountUpdateMessages.settlementAsset(engine)
        return Fund(
            symbols: markets.map(\.symbol),
            assets: [Asset(asset: asset, marginBalance: engine.fundEquity(pool).description, updateTime: pool.ledger.last?.time ?? 0)])
    }

    /// The pool behind a market; a market without one shows no assets.
    static func fund(serving symbol: String, engine: Engine) -> Fund {
        guard let name = engine.market(symbol)?.spec.liquidation.insuranceFund, let pool = engine.insurancePool(name) else {
            return Fund(symbols: [symbol], assets: [])
        }
        return fund(pool, engine: engine)
    }
}
