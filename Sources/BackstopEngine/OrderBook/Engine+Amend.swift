import BackstopCore

extension Engine {
    /// Changes an open order's price or total quantity.
    ///
    /// A smaller quantity at the same price shrinks the order in place and keeps its priority. Any
    /// other change takes the order out and puts it back as if new (same number, filled part kept):
    /// it loses its priority and may trade at once if its new price crosses the book.
    mutating func amendOrder(_ request: AmendOrder, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(request.symbol)
        let account = try accountIndex(request.account)
        let slot = try ownedSlot(request.orderId, account: account, market: market)
        let old = markets[market].book.order(atSlot: slot)
        guard let mark = markets[market].markPrice else {
            throw Rejection(.noMarkPrice, "market \(request.symbol) has no mark price yet")
        }
        let price = request.price ?? old.price
        let quantity = request.quantity ?? old.quantity
        if request.price != nil { try checkLimitPrice(price, market: market, mark: mark) }
        if request.quantity != nil { try checkQuantity(quantity, market: market) }
        guard quantity > old.filled else {
            throw Rejection(.invalidAmendment, "quantity must exceed the filled \(old.filled)")
        }
        guard price != old.price || quantity != old.quantity else {
            throw Rejection(.invalidAmendment, "the amendment changes nothing")
        }
        if old.reduceOnly {
            try checkReduceOnlyFits(
                account: account, market: market, side: old.side, quantity: quantity - old.filled, replacing: old)
        }
        let accountID = accounts[account].id
        if price == old.price, quantity < old.quantity {
            markets[market].book.shrink(slot: slot, toQuantity: quantity)
            if !old.reduceOnly {
                let index = positionSlot(account: account, market: market)
                accounts[account].positions[index].changeReservation(
                    old.side, from: old.remaining, to: quantity - old.filled, at: price)
            }
            events.append(.orderAmended(OrderAmended(
                orderId: old.id, account: accountID, symbol: markets[market].symbol, price: price, quantity: quantity,
                keptPriority: true)))
            return
        }
        let order = ValidatedOrder(
            market: market, account: account, side: old.side, limit: price, quantity: quantity - old.filled,
            timeInForce: old.timeInForce, reduceOnly: old.reduceOnly, selfTradePrevention: old.selfTradePrevention)
        if order.timeInForce == .postOnly, wouldCross(order) {
            throw Rejection(.postOnlyWouldMatch, "a post-only order at \(price) would match at once")
        }
        try checkMargin(order, immediate: sweep(order), replaces: old)
        events.append(.orderAmended(OrderAmended(
            orderId: old.id, account: accountID, symbol: markets[market].symbol, price: price, quantity: quantity,
            keptPriority: false)))
        if order.rests, !order.reduceOnly, !wouldCross(order) {
            // Matching would find nothing and rest the whole order: move it there directly.
            moveResting(slot: slot, market: market, to: price, quantity: quantity, remaining: order.quantity)
            return
        }
        _ = takeOut(slot: slot, market: market)
        execute(order, id: old.id, alreadyFilled: old.filled, originalQuantity: quantity,
                label: old.label, into: &events)
    }

    /// Moves a resting order to the back of the level at `price` with new quantities, and its
    /// reservation and its place among the owner's orders with it: what taking it out and resting it
    /// again would do, in the same book slot.
    private mutating func moveResting(slot: Int32, market: Int, to price: Price, quantity: Quantity, remaining: Quantity) {
        let old = markets[market].book.order(atSlot: slot)
        markets[market].book.move(slot: slot, to: price, quantity: quantity, remaining: remaining)
        let position = positionSlot(account: old.accountIndex, market: market)
        // The order becomes the owner's newest; one that is already the newest stays where it is.
        if accounts[old.accountIndex].positions[position].openOrders.last != old.id {
            accounts[old.accountIndex].positions[position].openOrders.removeAll { $0 == old.id }
            accounts[old.accountIndex].positions[position].openOrders.append(old.id)
        }
        if !old.reduceOnly {
            accounts[old.accountIndex].positions[position].changeReservation(
                old.side, from: old.remaining, to: .zero, at: old.price)
            accounts[old.accountIndex].positions[position].changeReservation(
                old.side, from: .zero, to: remaining, at: price)
        }
    }
}
