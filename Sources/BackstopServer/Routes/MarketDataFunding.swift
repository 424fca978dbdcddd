import BackstopCore
import BackstopEngine
import Hummingbird

/// `GET /fapi/v1/premiumIndex` (mark and index prices, the last settled funding rate and the next
/// settlement) and `GET /fapi/v1/fundingRate` (the history of settlements).
enum MarketDataFunding {
    struct PremiumIndex: Encodable {
        var symbol: String
        var markPrice: String
        var indexPrice: String
        var estimatedSettlePrice: String
        var lastFundingRate: String
        var interestRate: String
        var nextFundingTime: Int64
        var time: Int64
    }

    struct FundingRate: Encodable {
        var symbol: String
        var fundingRate: String
        var fundingTime: Int64
        var markPrice: String
    }

    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/premiumIndex") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await MarketDataRoutes.optionalSymbol(parameters, services: services)
            let now = await services.venue.now
            let answers = await services.venue.read { engine, _ in
                engine.markets.filter { symbol == nil || $0.symbol == symbol }.map { premiumIndex($0, now: now) }
            }
            return try MarketDataRoutes.oneOrAll(symbol, answers)
        }
        router.get("/fapi/v1/fundingRate") { request, _ in
            let parameters = try await services.parameters(of: request)
            let symbol = try await MarketDataRoutes.optionalSymbol(parameters, services: services)
            let limit = try MarketDataRoutes.limit(parameters, fallback: 100, range: 1...1000)
            let start = try parameters.integer("startTime")
            let end = try parameters.integer("endTime")
            let records = await services.venue.read { _, history in
                history.marketFeed.fundingHistory.filter { record in
                    (symbol == nil || record.symbol == symbol) && start.map { record.time >= $0 } ?? true
                        && end.map { record.time <= $0 } ?? true
                }
            }
            let page = start != nil ? records.prefix(limit) : records.suffix(limit)
            return try JSONResponse.make(page.map {
                FundingRate(
                    symbol: $0.symbol, fundingRate: $0.rate.formatted(places: Rate.decimals), fundingTime: $0.time,
                    markPrice: $0.markPrice.formatted(places: Price.decimals))
            })
        }
    }

    /// One market's premium index; prices are `0` before its first index price. The estimated
    /// settle price is the index.
    static func premiumIndex(_ market: MarketState, now: Timestamp) -> PremiumIndex {
        let index = (market.indexPrice ?? .zero).formatted(places: Price.decimals)
        return PremiumIndex(
            symbol: market.symbol, markPrice: (market.markPrice ?? .zero).formatted(places: Price.decimals),
            indexPrice: index, estimatedSettlePrice: index,
            lastFundingRate: market.funding.lastRate.formatted(places: Rate.decimals),
            interestRate: market.spec.funding.interestRate.formatted(places: Rate.decimals),
            nextFundingTime: market.funding.nextFundingTime, time: now)
    }
}
