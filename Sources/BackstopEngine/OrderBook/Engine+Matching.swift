import BackstopCore

extension Engine {
    /// Matches an incoming order against the opposite side in price-time priority.
    ///
    /// Stops at the order's limit, when it is filled, when self-trade prevention expires it, or when a
    /// reduce-only order has nothing left to reduce. Resting reduce-only orders that no longer reduce
    /// their owner's position are expired as they are met, and once matching is over, every account
    /// that traded has its excess reduce-only orders expired.
    mutating func match(_ order: ValidatedOrder, id: OrderID, into events: inout [Event]) -> MatchOutcome {
        var traders: [Int] = []
        let outcome = sweepBook(order, id: id, traders: &traders, into: &events)
        for account in traders {
            expireExcessReduceOnlyOrders(account: account, market: order.market, into: &events)
        }
        return outcome
    }

    /// The matching loop: `traders` collects every account whose position changed, taker first,
    /// without repeats.
    private mutating func sweepBook(_ order: ValidatedOrder, id: OrderID, traders: inout [Int], into events: inout [Event])
        -> MatchOutcome
    {
        var remaining = order.quantity
        var value = Money.zero
        let makerSide = order.side.opposite
        while remaining.isPositive {
            if order.reduceOnly, takerCapacity(order).isZero { break }
            guard let best = markets[order.market].book.bestHead(makerSide),
                  order.side == .buy ? best.price <= order.limit : best.price >= order.limit
            else { break }
            var slot = best.slot
            while slot >= 0, remaining.isPositive {
                let maker = markets[order.market].book.order(atSlot: slot)
                let nextSlot = maker.next
                defer { slot = nextSlot }
                if maker.accountIndex == order.account, order.selfTradePrevention != .none {
                    switch order.selfTradePrevention {
                    case .expireMaker:
                        removeResting(slot: slot, market: order.market, reason: .selfTradePrevention, into: &events)
                        continue
                    case .expireBoth:
                        removeResting(slot: slot, market: order.market, reason: .selfTradePrevention, into: &events)
                        return MatchOutcome(remaining: remaining, value: value, stoppedBySelfTrade: true)
                    case .expireTaker, .none:
                        return MatchOutcome(remaining: remaining, value: value, stoppedBySelfTrade: true)
                    }
                }
                var fill = min(remaining, maker.remaining)
                if maker.reduceOnly {
                    fill = min(fill, makerCapacity(maker, market: order.market))
                    if fill.isZero {
                        removeResting(slot: slot, market: order.market, reason: .reduceOnly, into: &events)
                        continue
                    }
                }
                if order.reduceOnly {
                    fill = min(fill, takerCapacity(order))
                    if fill.isZero { return MatchOutcome(remaining: remaining, value: value, stoppedBySelfTrade: false) }
                }
                value += trade(taker: order, takerOrderID: id, makerSlot: slot, quantity: fill, into: &events)
                if traders.isEmpty { traders.append(order.account) }
                if !traders.contains(maker.accountIndex) { traders.append(maker.accountIndex) }
                remaining -= fill
                if fill == maker.remaining {
                    removeResting(slot: slot, market: order.market, reason: .filled, into: &events)
                } else {
                    markets[order.market].book.reduce(slot: slot, by: fill)
                    if !maker.reduceOnly {
                        let index = positionSlot(account: maker.accountIndex, market: order.market)
                        accounts[maker.accountIndex].positions[index].changeReservation(
                            maker.side, from: maker.remaining, to: maker.remaining - fill, at: maker.price)
                    } else if makerCapacity(maker, market: order.market).isZero {
                        removeResting(slot: slot, market: order.market, reason: .reduceOnly, into: &events)
                    }
                }
            }
        }
        return MatchOutcome(remaining: remaining, value: value, stoppedBySelfTrade: false)
    }

    private func takerCapacity(_ order: ValidatedOrder) -> Quantity {
        reducible(account: order.account, market: order.market, by: order.side)
    }

    private func makerCapacity(_ maker: RestingOrder, market: Int) -> Quantity {
        reducible(account: maker.accountIndex, market: market, by: maker.side)
    }

    /// Books one trade between the incoming order and a resting one, at the resting order's price,
    /// and returns its value.
    @discardableResult
    private mutating func trade(
        taker order: ValidatedOrder, takerOrderID: OrderID, makerSlot: Int32, quantity: Quantity,
        into events: inout [Event]
    ) -> Money {
        let maker = markets[order.market].book.order(atSlot: makerSlot)
        // Fields are read in place: copying the whole spec would retain its arrays and strings per trade.
        let value = quantity.value(at: maker.price, rounding: .halfEven)
        let takerFee = order.kind == .liquidation
            ? .zero : value.times(markets[order.market].spec.takerFeeRate, rounding: .up)
        let makerFee = value.times(markets[order.market].spec.makerFeeRate, rounding: .up)
        let takerResult = settleFill(
            account: order.account, market: order.market, side: order.side, quantity: quantity, value: value, fee: takerFee,
            releasesMargin: order.kind != .liquidation)
        let makerResult = settleFill(
            account: maker.accountIndex, market: order.market, side: maker.side, quantity: quantity, value: value,
            fee: makerFee)
        feeBalance += takerFee + makerFee
        markets[order.market].lastTradePrice = maker.price
        let tradeID = nextTradeID
        nextTradeID += 1
        events.append(.trade(Trade(
            tradeId: tradeID, kind: order.kind, symbol: markets[order.market].spec.symbol, price: maker.price, quantity: quantity, takerSide: order.side,
            takerOrderId: takerOrderID, takerAccount: accounts[order.account].id,
            makerOrderId: maker.id, makerAccount: accounts[maker.accountIndex].id,
            takerFee: takerFee, makerFee: makerFee,
            takerRealizedPnL: takerResult.realizedPnL, makerRealizedPnL: makerResult.realizedPnL,
            takerPosition: takerResult.position, makerPosition: makerResult.position)))
        riskWork.touch(order.account)
        riskWork.touch(maker.accountIndex)
        return value
    }

    /// Applies a fill to an account's position and balances.
    mutating func settleFill(
        account: Int, market: Int, side: Side, quantity: Quantity, value: Money, fee: Money, releasesMargin: Bool = true
    ) -> (realizedPnL: Money, position: Quantity) {
        let slot = positionSlot(account: account, market: market)
        let settlement = accounts[account].positions[slot].applyFill(
            side: side, quantity: quantity, value: value, fee: fee, releasesMargin: releasesMargin)
        accounts[account].cash += settlement.crossCashChange
        accounts[account].lastFilledMarket = market
        return (settlement.realizedPnL, accounts[account].positions[slot].quantity)
    }
}

/// How far an incoming order got against the book.
struct MatchOutcome {
    /// What is left unfilled.
    var remaining: Quantity
    /// The value of what filled.
    var value: Money
    /// True when self-trade prevention stopped it.
    var stoppedBySelfTrade: Bool
}
