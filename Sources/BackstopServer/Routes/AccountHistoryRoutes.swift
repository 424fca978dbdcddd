import BackstopEngine
import Hummingbird

/// Binance's signed history and risk endpoints of an account: `userTrades`, `income`,
/// `forceOrders` and `adlQuantile`.
enum AccountHistoryRoutes {
    static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.get("/fapi/v1/userTrades") { request, _ in try await userTrades(request, services) }
        router.get("/fapi/v1/income") { request, _ in try await income(request, services) }
        router.get("/fapi/v1/forceOrders") { request, _ in try await forceOrders(request, services) }
        router.get("/fapi/v1/adlQuantile") { request, _ in try await adlQuantile(request, services) }
    }

    /// The symbol narrowing a request, if one is sent.
    static func optionalSymbol(_ parameters: RequestParameters, _ services: VenueServices) async throws -> String? {
        parameters["symbol"] == nil ? nil : try await services.symbol(parameters)
    }

    /// `symbol` (required), `orderId`, `fromId`, `startTime`, `endTime`, `limit` (500, at most 1000).
    static func userTrades(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        let orderId = try parameters.integer("orderId", in: 1...Int64.max).map { OrderID(UInt64($0)) }
        let fromId = try parameters.integer("fromId", in: 0...Int64.max).map(UInt64.init)
        var window = try HistoryWindow(parameters, defaultLimit: 500, maxLimit: 1_000)
        if fromId != nil || orderId != nil, window.start == nil {
            window.start = 0
        }
        let selection = window
        let now = await services.venue.now
        let rows = await services.venue.read { engine, history in
            let asset = engine.settlementAsset(of: symbol)
            return selection.select(history.trades.entries(of: account), now: now, time: \.time) { trade in
                trade.symbol == symbol && (orderId.map { trade.orderId == $0 } ?? true)
                    && (fromId.map { trade.tradeId >= $0 } ?? true)
            }.map { UserTradeResponse($0, asset: asset) }
        }
        return try JSONResponse.make(rows)
    }

    /// `symbol`, `incomeType`, `startTime`, `endTime`, `limit` (100, at most 1000).
    static func income(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await optionalSymbol(parameters, services)
        let kind = try parameters["incomeType"].map { text in
            guard let kind = IncomeEntry.Kind(rawValue: text) else { throw APIError.badValue("incomeType", "unknown income type") }
            return kind
        }
        let window = try HistoryWindow(parameters, defaultLimit: 100, maxLimit: 1_000)
        let now = await services.venue.now
        let rows = await services.venue.read { engine, history in
            window.select(history.income.entries(of: account), now: now, time: \.time) { entry in
                (symbol.map { entry.symbol == $0 } ?? true) && (kind.map { entry.kind == $0 } ?? true)
            }.map { IncomeResponse($0, asset: asset(of: $0, engine)) }
        }
        return try JSONResponse.make(rows)
    }

    /// The asset an entry is paid in: its market's, or the venue's settlement asset for a transfer.
    private static func asset(of entry: IncomeEntry, _ engine: Engine) -> String {
        entry.symbol.isEmpty ? engine.settlementAsset : engine.settlementAsset(of: entry.symbol)
    }

    /// `symbol`, `autoCloseType` (LIQUIDATION or ADL; both when absent), `startTime`, `endTime`,
    /// `limit` (50, at most 100).
    static func forceOrders(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await optionalSymbol(parameters, services)
        let closeType = try parameters["autoCloseType"].map { text in
            guard let type = ForceOrderRecord.CloseType(rawValue: text) else {
                throw APIError.badValue("autoCloseType", "expected LIQUIDATION or ADL")
            }
            return type
        }
        let window = try HistoryWindow(parameters, defaultLimit: 50, maxLimit: 100)
        let now = await services.venue.now
        let rows = await services.venue.read { _, history in
            window.select(history.forceOrders.entries(of: account), now: now, time: \.time) { order in
                (symbol.map { order.symbol == $0 } ?? true) && (closeType.map { order.closeType == $0 } ?? true)
            }.map(ForceOrderResponse.init)
        }
        return try JSONResponse.make(rows)
    }

    struct QuantileRow: Encodable, Sendable {
        struct Quantiles: Encodable, Sendable {
            var LONG: Int
            var SHORT: Int
            var BOTH: Int
        }

        var symbol: String
        var adlQuantile: Quantiles
    }

    /// The ADL quantile (0 to 4) of each open position, from the engine's indicator under the
    /// market's policy. In one-way mode the position is `BOTH`; `LONG` or `SHORT` repeats it on its
    /// side and the other side is 0.
    static func adlQuantile(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await optionalSymbol(parameters, services)
        let rows = await services.venue.read { engine, _ in
            engine.markets.compactMap { market -> QuantileRow? in
                guard symbol == nil || market.symbol == symbol,
                    let indicator = engine.deleveragingIndicator(account: account, symbol: market.symbol)
                else { return nil }
                let quantile = indicator.quantile
                return QuantileRow(
                    symbol: market.symbol,
                    adlQuantile: .init(
                        LONG: indicator.side == .buy ? quantile : 0, SHORT: indicator.side == .sell ? quantile : 0,
                        BOTH: quantile))
            }
        }
        return try JSONResponse.make(rows)
    }
}
