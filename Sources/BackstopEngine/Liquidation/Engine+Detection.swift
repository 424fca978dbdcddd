import BackstopCore

extension Engine {
    /// The risk pass after every accepted command: finds the positions the command put below
    /// maintenance margin (through the liquidation index for mark moves, directly for accounts whose
    /// balances or positions changed), liquidates them, settles bad debt, lets the funds unwind, and
    /// re-indexes every account it touched.
    mutating func runRiskChecks(into events: inout [Event]) {
        lastRiskPass = RiskPassReport()
        guard !riskWork.isEmpty else { return }
        let repriced = riskWork.repricedMarkets
        riskWork.repricedMarkets = []
        for market in repriced {
            collectTriggered(market: market)
        }
        resolveTouchedAccounts(into: &events)
        for market in repriced {
            unwindFunds(market: market, into: &events)
        }
        resolveTouchedAccounts(into: &events)
        riskWork = RiskWork()
    }

    /// Touches every account whose trigger the market's new mark has reached, and every account whose
    /// trigger here depends on other markets.
    private mutating func collectTriggered(market: Int) {
        guard let mark = markets[market].markPrice else { return }
        let reached = markets[market].liquidationIndex.popTriggered(at: mark)
        lastRiskPass.triggersReached += reached.count
        for trigger in reached {
            guard let slot = accounts[trigger.account].positionIndex(market: market),
                  accounts[trigger.account].positions[slot].hasTrigger,
                  accounts[trigger.account].positions[slot].triggerVersion == trigger.version
            else {
                markets[market].liquidationIndex.staleRemoved()
                continue
            }
            accounts[trigger.account].positions[slot].hasTrigger = false
            riskWork.touch(trigger.account)
        }
        for account in markets[market].multiMarketCrossAccounts {
            riskWork.touch(account)
        }
        if markets[market].liquidationIndex.needsCompaction {
            let accounts = self.accounts
            markets[market].liquidationIndex.compact { trigger in
                guard let position = accounts[trigger.account].position(market: market) else { return false }
                return position.hasTrigger && position.triggerVersion == trigger.version
            }
        }
    }

    /// Checks touched accounts in batches until no check touches another account.
    private mutating func resolveTouchedAccounts(into events: inout [Event]) {
        while !riskWork.accounts.isEmpty {
            let batch = riskWork.accounts
            riskWork.accounts = []
            lastRiskPass.accountsChecked += batch.count
            for account in batch {
                resolve(account: account, into: &events)
            }
        }
    }

    /// Liquidates what is below maintenance margin, settles bad debt, and re-indexes the account.
    private mutating func resolve(account: Int, into events: inout [Event]) {
        if accounts[account].role == .trader {
            if isCrossLiquidatable(accounts[account]) {
                liquidate(account: account, isolatedMarket: nil, into: &events)
            }
            for position in accounts[account].positions where position.marginMode == .isolated {
                if isIsolatedLiquidatable(position) {
                    liquidate(account: account, isolatedMarket: position.market, into: &events)
                }
            }
            settleBadDebt(account: account, into: &events)
        }
        refreshTriggers(account: account)
    }

    /// True when the account's cross positions are below maintenance margin and none waits for
    /// deleveraging.
    public func isCrossLiquidatable(_ account: Account) -> Bool {
        var hasPosition = false
        for position in account.positions where position.marginMode == .cross && !position.quantity.isZero {
            if position.awaitingDeleveraging { return false }
            hasPosition = true
        }
        return hasPosition && crossEquity(of: account) < crossMaintenanceMargin(of: account)
    }

    /// True when an isolated position is below maintenance margin and does not wait for deleveraging.
    public func isIsolatedLiquidatable(_ position: Position) -> Bool {
        position.marginMode == .isolated && !position.quantity.isZero && !position.awaitingDeleveraging
            && isolatedEquity(of: position) < maintenanceMargin(of: position)
    }

    /// Gives each of the account's positions a fresh entry in its market's liquidation index.
    ///
    /// A trigger the current mark has already reached (possible only through rounding, since the
    /// account was just found above maintenance margin) is moved one unit past the mark, so that the
    /// next mark update looks again without this one looping.
    mutating func refreshTriggers(account: Int) {
        let isTrader = accounts[account].role == .trader
        let crossMarkets = accounts[account].positions.count {
            $0.marginMode == .cross && !$0.quantity.isZero
        }
        // Fields are read and written in place: a copy of the position would retain its order list.
        for slot in accounts[account].positions.indices {
            let market = accounts[account].positions[slot].market
            let quantity = accounts[account].positions[slot].quantity
            if accounts[account].positions[slot].hasTrigger { markets[market].liquidationIndex.markStale() }
            let multiMarket = isTrader && accounts[account].positions[slot].marginMode == .cross && !quantity.isZero
                && crossMarkets >= 2
            if multiMarket != accounts[account].positions[slot].listedAsMultiMarket {
                if multiMarket {
                    markets[market].multiMarketCrossAccounts.append(account)
                } else {
                    markets[market].multiMarketCrossAccounts.remove(account)
                }
            }
            accounts[account].positions[slot].listedAsMultiMarket = multiMarket
            accounts[account].positions[slot].triggerVersion &+= 1
            accounts[account].positions[slot].hasTrigger = false
            if isTrader, !quantity.isZero, !accounts[account].positions[slot].awaitingDeleveraging,
               var price = liquidationPrice(account: account, slot: slot)
            {
                if let mark = markets[market].markPrice {
                    if quantity.isPositive, price >= mark { price = Price(raw: mark.raw - 1) }
                    if quantity.isNegative, price <= mark { price = Price(raw: mark.raw + 1) }
                }
                markets[market].liquidationIndex.insert(
                    LiquidationTrigger(
                        price: price, account: account, version: accounts[account].positions[slot].triggerVersion),
                    long: quantity.isPositive)
                accounts[account].positions[slot].hasTrigger = true
            }
        }
    }
}
