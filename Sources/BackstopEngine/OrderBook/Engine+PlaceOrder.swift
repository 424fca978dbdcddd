import BackstopCore

extension Engine {
    /// Validates an order, matches it against the book and rests what is left if its time in force says so.
    mutating func placeOrder(_ request: PlaceOrder, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(request.symbol)
        let account = try traderIndex(request.account)
        guard let mark = markets[market].markPrice else {
            throw Rejection(.noMarkPrice, "market \(request.symbol) has no mark price yet")
        }
        try checkQuantity(request.quantity, market: market)
        if let label = request.clientOrderId {
            guard !label.isEmpty, label.utf8.count <= Engine.maxClientOrderIdLength else {
                throw Rejection(.malformed, "clientOrderId must be 1 to \(Engine.maxClientOrderIdLength) bytes")
            }
        }
        let limit: Price
        switch request.type {
        case .limit:
            guard let price = request.price else { throw Rejection(.invalidPrice, "a limit order needs a price") }
            try checkLimitPrice(price, market: market, mark: mark)
            limit = price
        case .market:
            guard request.price == nil else { throw Rejection(.invalidPrice, "a market order takes no price") }
            limit = marketOrderLimit(side: request.side, market: market, mark: mark)
        }
        let order = ValidatedOrder(
            market: market, account: account, side: request.side, limit: limit, quantity: request.quantity,
            timeInForce: request.type == .market ? .ioc : request.timeInForce,
            reduceOnly: request.reduceOnly, selfTradePrevention: request.selfTradePrevention)

        if order.reduceOnly {
            guard reducible(account: account, market: market, by: order.side).isPositive else {
                throw Rejection(.reduceOnlyWouldIncrease, "a reduce-only order must reduce the position")
            }

        } else {
            let notional = order.quantity.value(at: request.type == .market ? mark : limit, rounding: .down)
            let minNotional = markets[market].spec.minNotional
            guard notional >= minNotional else {
                throw Rejection(.belowMinNotional, "order notional \(notional) is below \(minNotional)")
            }
        }
        if order.rests {
            let openOrders = accounts[account].positionIndex(market: market)
                .map { accounts[account].positions[$0].openOrders.count } ?? 0
            guard openOrders < Engine.maxOpenOrdersPerMarket else {
                throw Rejection(.tooManyOrders, "at most \(Engine.maxOpenOrdersPerMarket) open orders per market")
            }
        }
        if order.timeInForce == .postOnly, wouldCross(order) {
            throw Rejection(.postOnlyWouldMatch, "a post-only order at \(limit) would match at once")
        }
        let immediate = order.timeInForce == .postOnly ? (Quantity.zero, Money.zero) : sweep(order)
        let fillOrKillFails = order.timeInForce == .fok && immediate.quantity < order.quantity
        if !fillOrKillFails {
            try checkMargin(order, immediate: immediate)
        }

        let id = OrderID(nextOrderID)
        nextOrderID += 1
        _ = positionSlot(account: account, market: market)
        events.append(.orderAccepted(OrderAccepted(
            orderId: id, account: request.account, symbol: markets[market].symbol, side: order.side, orderType: request.type,
            timeInForce: order.timeInForce, price: request.type == .limit ? limit : nil,
            quantity: order.quantity, reduceOnly: order.reduceOnly, clientOrderId: request.clientOrderId)))
        if fillOrKillFails {
            events.append(.orderClosed(OrderClosed(
                orderId: id, account: request.account, symbol: markets[market].symbol, reason: .fillOrKill,
                filledQuantity: .zero, remainingQuantity: order.quantity)))
            return
        }
        execute(order, id: id, alreadyFilled: .zero, originalQuantity: order.quantity,
                label: request.clientOrderId.flatMap(ClientOrderLabel.init), into: &events)
    }

    /// True when a limit order would trade with the opposite side's best price.
    func wouldCross(_ order: ValidatedOrder) -> Bool {
        let book = markets[order.market].book
        switch order.side {
        case .buy: return book.bestAsk.map { order.limit >= $0 } ?? false
        case .sell: return book.bestBid.map { order.limit <= $0 } ?? false
        }
    }

    /// Matches an accepted order and then rests or closes what is left of it.
    mutating func execute(
        _ order: ValidatedOrder, id: OrderID, alreadyFilled: Quantity, originalQuantity: Quantity,
        label: ClientOrderLabel?, into events: inout [Event]
    ) {
        let outcome = match(order, id: id, into: &events)
        let filled = alreadyFilled + order.quantity - outcome.remaining
        let accountID = accounts[order.account].id
        let symbol = markets[order.market].symbol
        if outcome.remaining.isZero {
            events.append(.orderClosed(OrderClosed(
                orderId: id, account: accountID, symbol: symbol, reason: .filled,
                filledQuantity: filled, remainingQuantity: .zero)))
        } else if order.rests, !outcome.stoppedBySelfTrade, !order.reduceOnly || reduceOnlyFits(order, outcome.remaining) {
            rest(RestingOrder(
                id: id, accountIndex: order.account, side: order.side, price: order.limit,
                quantity: originalQuantity, remaining: outcome.remaining, timeInForce: order.timeInForce,
                reduceOnly: order.reduceOnly, selfTradePrevention: order.selfTradePrevention,
                label: label), market: order.market)
        } else {
            events.append(.orderClosed(OrderClosed(
                orderId: id, account: accountID, symbol: symbol,
                reason: outcome.stoppedBySelfTrade ? .selfTradePrevention : order.rests ? .reduceOnly : .immediateOrCancel,
                filledQuantity: filled, remainingQuantity: outcome.remaining)))
        }
    }

    /// Expires an account's newest reduce-only orders on a side while together they exceed what they
    /// could reduce, so that the book never shows reduce-only size that cannot trade.
    mutating func expireExcessReduceOnlyOrders(account: Int, market: Int, into events: inout [Event]) {
        guard let position = accounts[account].positionIndex(market: market) else { return }
        for side in [Side.buy, .sell] {
            // The position and the book are read in place; only this side's reduce-only orders are
            // expired below, so the other side's reads are not affected.
            var excess = -accounts[account].positions[position].reducible(by: side)
            var reduceOnly: [(id: OrderID, remaining: Quantity)] = []
            for id in accounts[account].positions[position].openOrders {
                guard let slot = markets[market].book.slot(of: id) else { continue }
                let order = markets[market].book.order(atSlot: slot)
                guard order.side == side, order.reduceOnly else { continue }
                reduceOnly.append((id, order.remaining))
                excess += order.remaining
            }
            for order in reduceOnly.reversed() where excess.isPositive {
                guard let slot = markets[market].book.slot(of: order.id) else { continue }
                removeResting(slot: slot, market: market, reason: .reduceOnly, into: &events)
                excess -= order.remaining
            }
        }
    }

    /// True when a reduce-only remainder fits in what the position has left to reduce after the
    /// account's other resting reduce-only orders on that side.
    private func reduceOnlyFits(_ order: ValidatedOrder, _ remaining: Quantity) -> Bool {
        (try? checkReduceOnlyFits(account: order.account, market: order.market, side: order.side, quantity: remaining))
            != nil
    }

    /// Puts an order in the book and books its reservation on the owner's position.
    mutating func rest(_ order: RestingOrder, market: Int) {
        markets[market].book.insert(order)
        let slot = positionSlot(account: order.accountIndex, market: market)
        accounts[order.accountIndex].positions[slot].openOrders.append(order.id)
        if !order.reduceOnly {
            accounts[order.accountIndex].positions[slot].changeReservation(
                order.side, from: .zero, to: order.remaining, at: order.price)
        }
    }

    /// Takes a resting order out of the book, releases its reservation and reports why it closed.
    mutating func removeResting(slot: Int32, market: Int, reason: OrderCloseReason, into events: inout [Event]) {
        let order = takeOut(slot: slot, market: market)
        events.append(.orderClosed(OrderClosed(
            orderId: order.id, account: accounts[order.accountIndex].id, symbol: markets[market].symbol,
            reason: reason, filledQuantity: reason == .filled ? order.quantity : order.filled,
            remainingQuantity: reason == .filled ? .zero : order.remaining)))
    }

    /// Takes a resting order out of the book and releases its reservation, silently.
    mutating func takeOut(slot: Int32, market: Int) -> RestingOrder {
        let order = markets[market].book.remove(slot: slot)
        let positionSlot = positionSlot(account: order.accountIndex, market: market)
        accounts[order.accountIndex].positions[positionSlot].openOrders.removeAll { $0 == order.id }
        if !order.reduceOnly {
            accounts[order.accountIndex].positions[positionSlot].changeReservation(
                order.side, from: order.remaining, to: .zero, at: order.price)
        }
        return order
    }
}

extension Position {
    /// Moves one order's reservation on `side` from `old` to `new` unfilled quantity.
    mutating func changeReservation(_ side: Side, from old: Quantity, to new: Quantity, at price: Price) {
        if side == .buy {
            buyOrders.change(from: old, to: new, at: price)
        } else {
            sellOrders.change(from: old, to: new, at: price)
        }
    }
}
