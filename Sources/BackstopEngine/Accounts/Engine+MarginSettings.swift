import BackstopCore

extension Engine {
    /// Sets the leverage of an account in a market.
    ///
    /// The leverage must be allowed by the tier of the position's notional at mark, and the account
    /// must be able to carry the margin the change requires.
    mutating func setLeverage(_ change: SetLeverage, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(change.symbol)
        let account = try traderIndex(change.account)
        var position = positionOrDefault(account: account, market: market)
        let notional = MarginMath.notional(position.quantity, at: valuationPrice(market: market))
        let allowed = markets[market].spec.tier(forNotional: notional).maxLeverage
        guard change.leverage >= 1, change.leverage <= allowed else {
            throw Rejection(.invalidLeverage, "leverage must be between 1 and \(allowed) for this position")
        }
        let before = position
        position.leverage = change.leverage
        try checkPositionLimit(position.exposure)
        let crossNeed = (position.marginMode == .cross ? initialMargin(of: position) - initialMargin(of: before) : .zero)
            + position.orderMargin - before.orderMargin
        if crossNeed.isPositive, crossNeed > availableBalance(of: accounts[account]) {
            throw Rejection(.insufficientMargin, "leverage \(change.leverage) needs \(crossNeed) more margin")
        }
        if position.marginMode == .isolated, !position.quantity.isZero,
           isolatedEquity(of: position) < initialMargin(of: position) {
            throw Rejection(.insufficientMargin, "the isolated margin does not cover leverage \(change.leverage)")
        }
        let slot = positionSlot(account: account, market: market)
        accounts[account].positions[slot].leverage = change.leverage
        events.append(.leverageSet(LeverageSet(
            account: change.account, symbol: change.symbol, leverage: change.leverage)))
    }

    /// Switches a market between cross and isolated margin.
    mutating func setMarginMode(_ change: SetMarginMode, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(change.symbol)
        let account = try traderIndex(change.account)
        let position = positionOrDefault(account: account, market: market)
        guard position.marginMode != change.mode else {
            throw Rejection(.invalidAmendment, "the margin mode is \(change.mode.rawValue) already")
        }
        guard position.quantity.isZero, position.openOrders.isEmpty, position.isolatedCash.isZero else {
            throw Rejection(.positionOrOrdersOpen, "close the position and cancel its orders first")
        }
        let slot = positionSlot(account: account, market: market)
        accounts[account].positions[slot].marginMode = change.mode
        events.append(.marginModeSet(MarginModeSet(account: change.account, symbol: change.symbol, mode: change.mode)))
    }

    /// Adds margin to an isolated position from the cross balance, or returns some of it.
    ///
    /// Adding needs that much available balance; removing keeps at least the position's initial margin.
    mutating func adjustIsolatedMargin(_ change: AdjustIsolatedMargin, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(change.symbol)
        let account = try traderIndex(change.account)
        guard let slot = accounts[account].positionIndex(market: market),
              accounts[account].positions[slot].marginMode == .isolated,
              !accounts[account].positions[slot].quantity.isZero
        else {
            throw Rejection(.notIsolated, "no isolated position in \(change.symbol)")
        }
        guard !change.amount.isZero, change.amount.magnitude <= Engine.maxTransfer else {
            throw Rejection(.invalidAmount, "amount must be non-zero and at most \(Engine.maxTransfer)")
        }
        let position = accounts[account].positions[slot]
        if change.amount.isPositive {
            let available = availableBalance(of: accounts[account])
            guard change.amount <= available else {
                throw Rejection(.insufficientBalance, "adding \(change.amount) exceeds the \(available) available")
            }
        } else {
            let removable = isolatedEquity(of: position) - initialMargin(of: position)
            guard change.amount.magnitude <= removable, change.amount.magnitude <= position.isolatedWallet else {
                throw Rejection(.insufficientMargin, "at most \(max(removable, .zero)) can be removed")
            }
        }
        accounts[account].positions[slot].isolatedCash += change.amount
        accounts[account].cash -= change.amount
        riskWork.touch(account)
        events.append(.isolatedMarginAdjusted(IsolatedMarginAdjusted(
            account: change.account, symbol: change.symbol, amount: change.amount,
            isolatedWallet: accounts[account].positions[slot].isolatedWallet)))
    }
}
