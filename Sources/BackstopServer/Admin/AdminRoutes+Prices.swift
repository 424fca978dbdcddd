import BackstopCore
import BackstopEngine
import Hummingbird

extension AdminRoutes {
    /// `POST /admin/v1/indexPrice` with `symbol`, `price` and an optional `source` (`index` unless
    /// given): records one source's price; the index and the mark follow, and every liquidation
    /// the new mark triggers runs at once.
    static func indexPrice(_ request: Request, services: VenueServices) async throws -> Response {
        let parameters = try await services.admin(request)
        let symbol = try parameters.required("symbol").uppercased()
        guard let price = try parameters.decimal("price", as: Price.self) else { throw APIError.missing("price") }
        let update = IndexPrice(symbol: symbol, source: parameters["source"] ?? "index", price: price)
        let answer = try await submit(.indexPrice(update), services: services) { events, engine in
            let market = engine.market(symbol)
            return IndexPriceAnswer(
                symbol: symbol, source: update.source, price: price, indexPrice: market?.indexPrice, markPrice: market?.markPrice,
                time: engine.time, liquidations: events.count(where: { if case .liquidationStarted = $0 { true } else { false } }),
                deleveragingRounds: events.count(where: { if case .deleveraged = $0 { true } else { false } }))
        }
        return try JSONResponse.make(answer)
    }

    /// `POST /admin/v1/funding` with `symbol`: settles the market's funding for the interval that
    /// has ended and answers the settlement's figures; refused (-4099) before the interval ends.
    static func settleFunding(_ request: Request, services: VenueServices) async throws -> Response {
        let parameters = try await services.admin(request)
        let symbol = try parameters.required("symbol").uppercased()
        let answer = try await submit(.settleFunding(SettleFunding(symbol: symbol)), services: services) { events, engine in
            events.lazy.compactMap { event -> FundingAnswer? in
                guard case .fundingSettled(let settled) = event else { return nil }
                return FundingAnswer(
                    symbol: settled.symbol, fundingRate: settled.rate, markPrice: settled.markPrice, amount: settled.amount,
                    fundingTime: engine.time, nextFundingTime: settled.nextFundingTime,
                    payments: events.count(where: { if case .fundingPaid = $0 { true } else { false } }))
            }.first
        }
        guard let answer else { throw APIError.unknown("funding was accepted without a settlement") }
        return try JSONResponse.make(answer)
    }
}

/// The answer to an index price.
struct IndexPriceAnswer: Encodable, Sendable {
    var symbol: String
    var source: String
    /// The source's price as sent.
    var price: Price
    /// The index afterwards: the median of the sources near their median.
    var indexPrice: Price?
    /// The mark afterwards.
    var markPrice: Price?
    var time: Timestamp
    /// How many liquidations the new mark started.
    var liquidations: Int
    /// How many deleveraging rounds ran.
    var deleveragingRounds: Int
}

/// The answer to a funding settlement: the engine's `FundingSettled` figures.
struct FundingAnswer: Encodable, Sendable {
    var symbol: String
    /// The rate applied: positive means longs paid shorts.
    var fundingRate: Rate
    var markPrice: Price
    /// The total that changed hands.
    var amount: Money
    /// When it was settled.
    var fundingTime: Timestamp
    var nextFundingTime: Timestamp
    /// How many positions paid or received.
    var payments: Int
}
