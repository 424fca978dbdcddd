import BackstopCore

extension Engine {
    /// Liquidates an account's cross positions (`isolatedMarket` nil) or one isolated position, as
    /// REFERENCE section 5 describes: cancel the orders in scope, hand everything to the backstop vault
    /// if equity is below its threshold, else close step by step with IOC orders at the bankruptcy
    /// price, let the insurance fund take over what the book did not take, and request deleveraging
    /// for what the fund refuses. Stops as soon as the scope is back above maintenance margin.
    mutating func liquidate(account: Int, isolatedMarket: Int?, into events: inout [Event]) {
        let accountID = accounts[account].id
        let mode: MarginMode = isolatedMarket == nil ? .cross : .isolated
        let symbol = isolatedMarket.map { markets[$0].symbol }
        let start = scopeHealth(account: account, isolatedMarket: isolatedMarket)
        events.append(.liquidationStarted(LiquidationStarted(
            account: accountID, marginMode: mode, symbol: symbol, equity: start.equity,
            maintenanceMargin: start.maintenanceMargin)))
        cancelOrders(account: account, isolatedMarket: isolatedMarket, into: &events)
        if !takeOverByVault(account: account, isolatedMarket: isolatedMarket, into: &events) {
            while let market = nextPositionToLiquidate(account: account, isolatedMarket: isolatedMarket) {
                liquidationStep(account: account, market: market, into: &events)
            }
        }
        let end = scopeHealth(account: account, isolatedMarket: isolatedMarket)
        events.append(.liquidationEnded(LiquidationEnded(
            account: accountID, marginMode: mode, symbol: symbol, equity: end.equity,
            maintenanceMargin: end.maintenanceMargin)))
    }

    /// Equity and maintenance margin of a liquidation's scope.
    func scopeHealth(account: Int, isolatedMarket: Int?) -> (equity: Money, maintenanceMargin: Money) {
        if let market = isolatedMarket, let position = accounts[account].position(market: market) {
            return (isolatedEquity(of: position), maintenanceMargin(of: position))
        }
        return (crossEquity(of: accounts[account]), crossMaintenanceMargin(of: accounts[account]))
    }

    /// The position to close next while the scope is still below maintenance margin: the isolated
    /// one, or the cross position with the largest maintenance margin (ties to the earlier market).
    private func nextPositionToLiquidate(account: Int, isolatedMarket: Int?) -> Int? {
        let holder = accounts[account]
        if let market = isolatedMarket {
            guard let position = holder.position(market: market), isIsolatedLiquidatable(position) else { return nil }
            return market
        }
        guard isCrossLiquidatable(holder) else { return nil }
        var best: (market: Int, margin: Money)?
        for position in holder.positions where position.marginMode == .cross && !position.quantity.isZero {
            let margin = maintenanceMargin(of: position)
            if best == nil || margin > best!.margin { best = (position.market, margin) }
        }
        return best?.market
    }

    /// Cancels the open orders in the scope: every cross market's, or the isolated market's.
    private mutating func cancelOrders(account: Int, isolatedMarket: Int?, into events: inout [Event]) {
        let scope = accounts[account].positions.filter { position in
            isolatedMarket.map { $0 == position.market } ?? (position.marginMode == .cross)
        }.map(\.market)
        for market in scope {
            cancelOrders(of: account, market: market, reason: .liquidation, into: &events)
        }
    }

    /// How much one step closes, by the market's partial-liquidation mode.
    func liquidationStepQuantity(_ position: Position) -> Quantity {
        let spec = markets[position.market].spec
        let size = position.quantity.magnitude
        let mark = valuationPrice(market: position.market)
        let notional = MarginMath.notional(size, at: mark)
        switch spec.liquidation.partialMode {
        case .full:
            return size
        case .tierStep:
            guard let tierIndex = spec.riskTiers.lastIndex(where: { notional >= $0.notionalFloor }), tierIndex > 0,
                  mark.isPositive
            else { return size }
            let below = spec.riskTiers[tierIndex].notionalFloor - Money(raw: 1)
            let keep = below.quantity(at: mark, rounding: .down).rounded(toMultipleOf: spec.lotSize, .down)
            return max(size - keep, min(spec.lotSize, size))
        case .slices:
            guard notional > spec.liquidation.sliceAboveNotional else { return size }
            let slice = size.times(spec.liquidation.sliceFraction, rounding: .up).rounded(toMultipleOf: spec.lotSize, .up)
            return min(max(slice, spec.lotSize), size)
        }
    }

    /// One liquidation step on one position: the book first, then the fund, then deleveraging.
    private mutating func liquidationStep(account: Int, market: Int, into events: inout [Event]) {
        let position = accounts[account].position(market: market)!
        let spec = markets[market].spec
        let mark = valuationPrice(market: market)
        let side: Side = position.quantity.isPositive ? .sell : .buy
        let bankruptcy = MarginMath.bankruptcyPrice(
            quantity: position.quantity, collateral: collateral(of: position, in: accounts[account])) ?? mark
        let quantity = liquidationStepQuantity(position)
        let orderID = OrderID(nextOrderID)
        nextOrderID += 1
        events.append(.liquidationStep(LiquidationStep(
            account: accounts[account].id, symbol: spec.symbol, orderId: orderID, side: side, quantity: quantity,
            position: position.quantity, bankruptcyPrice: bankruptcy, markPrice: mark,
            partialMode: spec.liquidation.partialMode)))

        let order = ValidatedOrder(
            market: market, account: account, side: side, limit: bankruptcy, quantity: quantity, timeInForce: .ioc,
            reduceOnly: true, selfTradePrevention: .none, kind: .liquidation)
        let outcome = match(order, id: orderID, into: &events)
        let filled = quantity - outcome.remaining
        if filled.isPositive {
            chargeLiquidationFee(
                account: account, market: market, side: side, filled: filled, value: outcome.value,
                bankruptcy: bankruptcy, into: &events)
        }
        if outcome.remaining.isPositive {
            absorbRemainder(
                account: account, market: market, side: side, quantity: outcome.remaining, bankruptcy: bankruptcy,
                into: &events)
        }
    }

    /// Takes the fills' surplus over the bankruptcy price: the fee (capped by the surplus) to the
    /// fund, and the rest to the fund or left with the trader as the market says.
    private mutating func chargeLiquidationFee(
        account: Int, market: Int, side: Side, filled: Quantity, value: Money, bankruptcy: Price,
        into events: inout [Event]
    ) {
        let spec = markets[market].spec
        let atBankruptcy = filled.value(at: bankruptcy, rounding: side == .sell ? .up : .down)
        let surplus = max(.zero, side == .sell ? value - atBankruptcy : atBankruptcy - value)
        let fee = min(surplus, value.times(spec.liquidationFeeRate, rounding: .up))
        let extra = spec.liquidation.surplusRecipient == .insuranceFund ? surplus - fee : .zero
        let pool = poolIndex(market: market)
        let taken = fee + extra
        if taken.isPositive {
            debitMarginBucket(account: account, market: market, amount: taken)
            if let pool {
                let fundAccount = insurancePools[pool].accountIndex
                riskWork.touch(fundAccount)
                let accountID = accounts[account].id
                for (kind, amount) in [(InsuranceFundEntryKind.liquidationFee, fee), (.liquidationSurplus, extra)]
                where amount.isPositive {
                    accounts[fundAccount].cash += amount
                    recordFundChange(pool: pool, kind, amount: amount, symbol: spec.symbol, account: accountID, into: &events)
                }
            } else {
                feeBalance += taken
            }
        }
        events.append(.liquidationFeeCharged(LiquidationFeeCharged(
            account: accounts[account].id, symbol: spec.symbol, pool: pool.map { insurancePools[$0].name },
            filledQuantity: filled, surplus: surplus, fee: fee, surplusToFund: extra)))
    }

    /// Takes money from the balance that backs a position: its isolated balance while it is open,
    /// else the cross balance (where a closed isolated position's margin has returned).
    mutating func debitMarginBucket(account: Int, market: Int, amount: Money) {
        if let slot = accounts[account].positionIndex(market: market),
           accounts[account].positions[slot].marginMode == .isolated,
           !accounts[account].positions[slot].quantity.isZero
        {
            accounts[account].positions[slot].isolatedCash -= amount
        } else {
            accounts[account].cash -= amount
        }
    }

    /// What the book did not take: to the fund at the bankruptcy price if its rules allow, else a
    /// deleveraging request for the exact remainder.
    private mutating func absorbRemainder(
        account: Int, market: Int, side: Side, quantity: Quantity, bankruptcy: Price, into events: inout [Event]
    ) {
        let symbol = markets[market].symbol
        let mark = valuationPrice(market: market)
        let accountID = accounts[account].id
        let refusal: FundRefusal?
        if let pool = poolIndex(market: market) {
            refusal = fundRefusal(pool: pool, market: market, fundSide: side.opposite, quantity: quantity, price: bankruptcy)
            if refusal == nil {
                let fundAccount = insurancePools[pool].accountIndex
                let cashBefore = accounts[fundAccount].cash
                transferPosition(
                    from: account, to: fundAccount, market: market, side: side, quantity: quantity, price: bankruptcy,
                    kind: .fundTakeover, into: &events)
                let signed = side == .sell ? quantity : -quantity
                let loss = signed.value(at: bankruptcy, rounding: .up) - signed.value(at: mark, rounding: .down)
                events.append(.fundTakeover(FundTakeover(
                    pool: insurancePools[pool].name, account: accountID, symbol: symbol, side: side.opposite,
                    quantity: quantity, price: bankruptcy, markPrice: mark, immediateLoss: max(loss, .zero))))
                recordFundChange(
                    pool: pool, .takeover, amount: accounts[fundAccount].cash - cashBefore, symbol: symbol,
                    account: accountID, into: &events)
                return
            }
            events.append(.fundRefused(FundRefused(
                pool: insurancePools[pool].name, account: accountID, symbol: symbol, quantity: quantity,
                refusal: refusal!)))
        } else {
            events.append(.fundRefused(FundRefused(
                pool: nil, account: accountID, symbol: symbol, quantity: quantity,
                refusal: FundRefusal(reason: .noFund, fundEquity: .zero, equityAfter: .zero,
                                     detail: "market \(symbol) has no insurance fund"))))
        }
        requestDeleveraging(account: account, market: market, side: side, quantity: quantity, bankruptcy: bankruptcy,
                            into: &events)
    }

    /// Records the exact remainder for auto-deleveraging and carries it out at once.
    private mutating func requestDeleveraging(
        account: Int, market: Int, side: Side, quantity: Quantity, bankruptcy: Price, into events: inout [Event]
    ) {
        let mark = valuationPrice(market: market)
        let beyond = side == .sell ? bankruptcy.raw - mark.raw : mark.raw - bankruptcy.raw
        let shortfall = beyond > 0 ? quantity.value(at: Price(raw: beyond), rounding: .up) : .zero
        let request = DeleveragingRequest(
            id: UInt64(deleveragingRequests.count + 1), account: accounts[account].id, symbol: markets[market].symbol,
            positionSide: side.opposite, quantity: quantity, bankruptcyPrice: bankruptcy, markPrice: mark,
            shortfall: shortfall)
        deleveragingRequests.append(request)
        events.append(.deleveragingRequested(request))
        deleverage(request, account: account, market: market, into: &events)
    }

    /// Moves `quantity` of `from`'s position to `to` at `price`, with no fee: `from` (the account being
    /// liquidated or deleveraged) trades on `side`, `to` on the other. The value rounds in `from`'s
    /// favour, so that closing at a bankruptcy price in several pieces never leaves it below zero.
    mutating func transferPosition(
        from source: Int, to target: Int, market: Int, side: Side, quantity: Quantity, price: Price, kind: TradeKind,
        into events: inout [Event]
    ) {
        let value = quantity.value(at: price, rounding: side == .sell ? .up : .down)
        let sourceResult = settleFill(
            account: source, market: market, side: side, quantity: quantity, value: value, fee: .zero,
            releasesMargin: false)
        let targetResult = settleFill(
            account: target, market: market, side: side.opposite, quantity: quantity, value: value, fee: .zero)
        let sourceOrder = OrderID(nextOrderID)
        let targetOrder = OrderID(nextOrderID + 1)
        nextOrderID += 2
        let tradeID = nextTradeID
        nextTradeID += 1
        events.append(.trade(Trade(
            tradeId: tradeID, kind: kind, symbol: markets[market].symbol, price: price, quantity: quantity,
            takerSide: side, takerOrderId: sourceOrder, takerAccount: accounts[source].id, makerOrderId: targetOrder,
            makerAccount: accounts[target].id, takerFee: .zero, makerFee: .zero,
            takerRealizedPnL: sourceResult.realizedPnL, makerRealizedPnL: targetResult.realizedPnL,
            takerPosition: sourceResult.position, makerPosition: targetResult.position)))
        riskWork.touch(source)
        riskWork.touch(target)
    }
}
