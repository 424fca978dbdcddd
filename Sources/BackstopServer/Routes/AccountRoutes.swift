import BackstopEngine
import Hummingbird

/// Binance's signed account endpoints: `account`, `balance` and `positionRisk` (v2 and v3) here;
/// `userTrades`, `income`, `adlQuantile` and `forceOrders` in ``AccountHistoryRoutes``; and
/// `listenKey` for the user data stream in ``AccountListenKeyRoutes``.
public enum AccountRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        for version in [2, 3] {
            router.get("/fapi/v\(version)/account") { request, _ in try await account(request, services, version: version) }
            router.get("/fapi/v\(version)/balance") { request, _ in try await balance(request, services) }
            router.get("/fapi/v\(version)/positionRisk") { request, _ in
                try await positionRisk(request, services, version: version)
            }
        }
        AccountHistoryRoutes.register(on: router, services: services)
        AccountListenKeyRoutes.register(on: router, services: services)
    }

    static func account(_ request: Request, _ services: VenueServices, version: Int) async throws -> Response {
        let (account, _) = try await services.trader(request)
        let answer = await services.venue.read { engine, history in
            AccountResponse(
                AccountFigures(engine.account(account), in: engine), asset: engine.settlementAsset,
                updateTime: updateTime(account, engine, history),
                positionTimes: { history.positionUpdateTimes[PositionKey(account: account, symbol: $0)] ?? 0 },
                version: version)
        }
        return try JSONResponse.make(answer)
    }

    static func balance(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, _) = try await services.trader(request)
        let answer = await services.venue.read { engine, history in
            [
                BalanceResponse(
                    AccountFigures(engine.account(account), in: engine), asset: engine.settlementAsset,
                    updateTime: updateTime(account, engine, history))
            ]
        }
        return try JSONResponse.make(answer)
    }

    /// Version 2 lists every market the account has used, flat or not; version 3 only positions
    /// that are open or have open orders, as Binance does. `symbol` narrows either to one market.
    static func positionRisk(_ request: Request, _ services: VenueServices, version: Int) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = parameters["symbol"] == nil ? nil : try await services.symbol(parameters)
        let rows = await services.venue.read { engine, history in
            AccountFigures(engine.account(account), in: engine).positions.compactMap { figures -> PositionRiskResponse? in
                guard symbol == nil || figures.symbol == symbol else { return nil }
                guard version == 2 || !figures.position.quantity.isZero || !figures.position.openOrders.isEmpty else { return nil }
                return PositionRiskResponse(
                    figures, asset: engine.settlementAsset(of: figures.symbol),
                    adlQuantile: engine.deleveragingIndicator(account: account, symbol: figures.symbol)?.quantile ?? 0,
                    updateTime: history.positionUpdateTimes[PositionKey(account: account, symbol: figures.symbol)] ?? 0,
                    version: version)
            }
        }
        return try JSONResponse.make(rows)
    }

    /// When the account last changed; never zero, since a client drops an asset updated at 0.
    static func updateTime(_ account: AccountID, _ engine: Engine, _ history: VenueHistory) -> Timestamp {
        max(history.accountUpdateTimes[account] ?? engine.time, 1)
    }
}
