import BackstopEngine
import Hummingbird

extension TradingRoutes {
    /// `PUT /fapi/v1/order`: Binance's Modify Order, which ccxt's `edit_order` sends. It names the
    /// order by `orderId` (which wins) or `origClientOrderId`, and answers with the order as it
    /// stands after the amendment, which may have matched at once.
    ///
    /// A new price or a larger quantity sends the order to the back of its new level; a smaller
    /// quantity at the same price keeps its place. Where Binance would cancel the order (a quantity
    /// at or below the filled part, a post-only price that would match), the engine refuses the
    /// amendment and the order stays as it was.
    ///
    /// - Throws: ``APIError`` -2013 for an order the caller has no open order by, the errors of
    ///   ``OrderAmendment``, and the engine's refusals.
    static func amendOrder(_ request: Request, _ services: VenueServices) async throws -> Response {
        let (account, parameters) = try await services.trader(request)
        let symbol = try await services.symbol(parameters)
        let reference = try OrderLookup.reference(parameters)
        let amendment = try OrderAmendment(parameters)
        let id = try await services.venue.read { engine, history -> OrderID in
            guard let record = OrderLookup.find(reference, account: account, symbol: symbol, engine: engine, history: history),
                record.closeReason == nil
            else { throw APIError.noSuchOrder }
            try amendment.check(against: record)
            return record.orderId
        }
        let amended = try await services.accepted(
            .amendOrder(amendment.command(account: account, symbol: symbol, orderId: id)),
            refusal: { $0.reason == .unknownOrder ? APIError.noSuchOrder : APIError($0) }
        ) { _, _, history in
            guard let record = history.orders.order(id, of: account) else {
                throw APIError.unknown("the amended order left no record")
            }
            return OrderResponse(record)
        }
        return try JSONResponse.make(amended)
    }
}
