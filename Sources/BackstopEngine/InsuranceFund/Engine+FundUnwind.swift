import BackstopCore

extension Engine {
    /// After a mark update, each fund holding a position in the market offers a share of it to the
    /// book: an IOC order within the market's unwind slippage of the mark, paying the taker fee like
    /// anyone. Every fund also records its equity at the new mark for its window rules.
    mutating func unwindFunds(market: Int, into events: inout [Event]) {
        guard let mark = markets[market].markPrice else { return }
        let spec = markets[market].spec
        for pool in insurancePools.indices {
            let fundAccount = insurancePools[pool].accountIndex
            guard let position = accounts[fundAccount].position(market: market), !position.quantity.isZero else {
                continue
            }
            let size = position.quantity.magnitude
            let offer = min(size, max(
                spec.lotSize,
                size.times(spec.liquidation.fundUnwindFraction, rounding: .up).rounded(toMultipleOf: spec.lotSize, .up)))
            let side: Side = position.quantity.isPositive ? .sell : .buy
            let limit = side == .sell
                ? mark.times(Rate.one - spec.liquidation.fundUnwindSlippage, rounding: .up)
                    .rounded(toMultipleOf: spec.tickSize, .up)
                : mark.times(Rate.one + spec.liquidation.fundUnwindSlippage, rounding: .down)
                    .rounded(toMultipleOf: spec.tickSize, .down)
            let order = ValidatedOrder(
                market: market, account: fundAccount, side: side, limit: limit, quantity: offer, timeInForce: .ioc,
                reduceOnly: true, selfTradePrevention: .none)
            let cashBefore = accounts[fundAccount].cash
            let id = OrderID(nextOrderID)
            nextOrderID += 1
            let outcome = match(order, id: id, into: &events)
            if outcome.remaining < offer {
                recordFundChange(pool: pool, .unwind, amount: accounts[fundAccount].cash - cashBefore,
                                 symbol: spec.symbol, into: &events)
            } else {
                insurancePools[pool].recordEquity(fundEquity(insurancePools[pool]), at: time)
            }
        }
    }
}
