extension Engine {
    /// Cancels one of the account's open orders.
    mutating func cancelOrder(_ request: CancelOrder, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(request.symbol)
        let account = try accountIndex(request.account)
        let slot = try ownedSlot(request.orderId, account: account, market: market)
        removeResting(slot: slot, market: market, reason: .canceled, into: &events)
    }

    /// Cancels every open order of the account in a market, oldest first.
    mutating func cancelAllOrders(_ request: CancelAllOrders, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(request.symbol)
        let account = try accountIndex(request.account)
        for id in accounts[account].position(market: market)?.openOrders ?? [] {
            if let slot = markets[market].book.slot(of: id) {
                removeResting(slot: slot, market: market, reason: .canceled, into: &events)
            }
        }
    }

    /// The book slot of an open order that belongs to the account; other accounts' orders are
    /// reported as unknown, so that order numbers reveal nothing.
    func ownedSlot(_ id: OrderID, account: Int, market: Int) throws(Rejection) -> Int32 {
        guard let slot = markets[market].book.slot(of: id),
              markets[market].book.order(atSlot: slot).accountIndex == account
        else {
            throw Rejection(.unknownOrder, "no open order \(id) in \(markets[market].symbol)")
        }
        return slot
    }
}
