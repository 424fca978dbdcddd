import BackstopEngine

/// Finds one of the caller's orders by `orderId` or `origClientOrderId`, as Binance's query and
/// cancel endpoints name it. Another account's order is never found: it is as unknown as a number
/// that was never used.
enum OrderLookup {
    /// How the request names the order.
    enum Reference: Sendable {
        case id(OrderID)
        case clientOrderId(String)
    }

    /// The reference in the request.
    ///
    /// - Throws: ``APIError`` -1102 when neither parameter is sent, -1100 for a malformed number.
    static func reference(_ parameters: RequestParameters) throws -> Reference {
        if let id = try parameters.integer("orderId", in: 1...Int64.max) {
            return .id(OrderID(UInt64(id)))
        }
        if let clientOrderId = parameters["origClientOrderId"] {
            return .clientOrderId(clientOrderId)
        }
        throw APIError(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!")
    }

    /// The account's order in `symbol`, open or recently closed.
    static func find(_ reference: Reference, account: AccountID, symbol: String, engine: Engine, history: VenueHistory)
        -> OrderRecord?
    {
        let record: OrderRecord?
        switch reference {
        case .id(let id):
            record = history.orders.order(id, of: account)
        case .clientOrderId(let text):
            record = history.orders.order(
                clientOrderId: text, of: account, symbol: symbol, openIDs: openOrderIDs(account: account, symbol: symbol, engine: engine))
        }
        return record?.symbol == symbol ? record : nil
    }

    /// The account's open orders in a market, oldest first.
    static func openOrderIDs(account: AccountID, symbol: String, engine: Engine) -> [OrderID] {
        guard let market = engine.market(symbol), let holder = engine.account(account) else { return [] }
        return holder.position(market: market.index)?.openOrders ?? []
    }
}
