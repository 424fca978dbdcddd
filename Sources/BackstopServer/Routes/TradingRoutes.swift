import BackstopEngine
import Hummingbird

/// Binance's signed trading endpoints: `order` (place, query, amend, cancel), `openOrders`, `allOpenOrders`,
/// `leverage`, `marginType`, `positionMargin`, `leverageBracket`.
public enum TradingRoutes {
    /// Adds the routes.
    public static func register(on router: Router<VenueRequestContext>, services: VenueServices) {
        router.post("/fapi/v1/order") { request, _ in try await placeOrder(request, services) }
        router.get("/fapi/v1/order") { request, _ in try await queryOrder(request, services) }
        router.put("/fapi/v1/order") { request, _ in try await amendOrder(request, services) }
        router.delete("/fapi/v1/order") { request, _ in try await cancelOrder(request, services) }
        router.get("/fapi/v1/openOrders") { request, _ in try await openOrders(request, services) }
        router.delete("/fapi/v1/allOpenOrders") { request, _ in try await cancelAllOrders(request, services) }
        PositionSettingsRoutes.register(on: router, services: services)
    }

    static func placeOrder(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        let order = try OrderRequest.placeOrder(parameters, account: account, symbol: symbol)
        if let clientOrderId = order.clientOrderId {
            let duplicate = await services.venue.read { engine, history in
                OrderLookup.openOrderIDs(account: account, symbol: symbol, engine: engine)
                    .contains { history.orders.openOrder($0)?.clientOrderId == clientOrderId }
            }
            if duplicate { throw APIError(-4116, "ClientOrderId is duplicated.") }
        }
        let placed = try await services.accepted(.placeOrder(order)) { events, _, history in
            let accepted = events.lazy.compactMap { event -> OrderAccepted? in
                if case .orderAccepted(let accepted) = event { return accepted }
                return nil
            }.first
            guard let accepted, let record = history.orders.order(accepted.orderId, of: account) else {
                throw APIError.unknown("the accepted order left no record")
            }
            return OrderResponse(record)
        }
        return try JSONResponse.make(placed)
    }

    static func queryOrder(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        let reference = try OrderLookup.reference(parameters)
        let found = await services.venue.read { engine, history in
            OrderLookup.find(reference, account: account, symbol: symbol, engine: engine, history: history).map(OrderResponse.init)
        }
        guard let found else { throw APIError.noSuchOrder }
        return try JSONResponse.make(found)
    }

    static func cancelOrder(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        let reference = try OrderLookup.reference(parameters)
        let id = await services.venue.read { engine, history -> OrderID? in
            switch reference {
            case .id(let id):
                return id
            case .clientOrderId:
                return OrderLookup.find(reference, account: account, symbol: symbol, engine: engine, history: history)?.orderId
            }
        }
        guard let id else { throw unknownOrder }
        let canceled = try await services.accepted(
            .cancelOrder(CancelOrder(account: account, symbol: symbol, orderId: id)),
            refusal: { $0.reason == .unknownOrder ? unknownOrder : APIError($0) }
        ) { _, _, history in
            guard let record = history.orders.order(id, of: account) else {
                throw APIError.unknown("the cancelled order left no record")
            }
            return OrderResponse(record)
        }
        return try JSONResponse.make(canceled)
    }

    /// -2011: what cancelling an order the caller has no open order by answers.
    static let unknownOrder = APIError(-2011, "Unknown order sent.")

    static func openOrders(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = parameters["symbol"] == nil ? nil : try await services.symbol(parameters)
        let orders = await services.venue.read { engine, history in
            let positions = engine.account(account)?.positions ?? []
            return positions.flatMap { position -> [OrderResponse] in
                guard symbol == nil || engine.markets[position.market].symbol == symbol else { return [] }
                return position.openOrders.compactMap { history.orders.openOrder($0).map(OrderResponse.init) }
            }
        }
        return try JSONResponse.make(orders)
    }

    static func cancelAllOrders(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        try await services.accepted(.cancelAllOrders(CancelAllOrders(account: account, symbol: symbol))) { _, _, _ in }
        return try JSONResponse.make(CodeMessage(code: 200, msg: "The operation of cancel all open order is done."))
    }
}
