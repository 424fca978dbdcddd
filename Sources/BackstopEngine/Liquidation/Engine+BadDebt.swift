import BackstopCore

extension Engine {
    /// Settles a negative balance that no position stands behind any more (a flat cross balance, whose
    /// debt comes from the market of its latest fill, or a flat isolated balance): that market's
    /// insurance fund pays what its equity above its minimum
    /// balance allows, and what is
    /// left is reported in a ``BadDebt`` event and counted on the account's reported shortfall, so
    /// that no bad debt is ever silent.
    mutating func settleBadDebt(account: Int, into events: inout [Event]) {
        // What was reported and has since been paid back (a deposit, a profit) no longer counts.
        accounts[account].reportedShortfall = min(accounts[account].reportedShortfall, max(.zero, -accounts[account].cash))
        for slot in accounts[account].positions.indices {
            let position = accounts[account].positions[slot]
            accounts[account].positions[slot].reportedShortfall = min(
                position.reportedShortfall, max(.zero, -position.isolatedCash))
        }
        let holder = accounts[account]
        let crossFlat = !holder.positions.contains { $0.marginMode == .cross && !$0.quantity.isZero }
        if crossFlat, holder.cash.isNegative {
            coverBadDebt(account: account, isolatedSlot: nil, market: holder.lastFilledMarket, into: &events)
        }
        for slot in holder.positions.indices {
            let position = holder.positions[slot]
            if position.quantity.isZero, position.isolatedCash.isNegative {
                coverBadDebt(account: account, isolatedSlot: slot, market: position.market, into: &events)
            }
        }
    }

    private mutating func coverBadDebt(account: Int, isolatedSlot: Int?, market: Int?, into events: inout [Event]) {
        let balance = isolatedSlot.map { accounts[account].positions[$0].isolatedCash } ?? accounts[account].cash
        let reported = isolatedSlot.map { accounts[account].positions[$0].reportedShortfall }
            ?? accounts[account].reportedShortfall
        let debt = -balance - reported
        guard debt.isPositive else { return }
        let pool = market.flatMap { poolIndex(market: $0) }
        var covered = Money.zero
        if let pool {
            let spare = fundEquity(insurancePools[pool]) - insurancePools[pool].spec.minimumBalance
            covered = min(debt, max(.zero, spare))
            if covered.isPositive {
                accounts[insurancePools[pool].accountIndex].cash -= covered
                if let slot = isolatedSlot {
                    accounts[account].positions[slot].isolatedCash += covered
                } else {
                    accounts[account].cash += covered
                }
                riskWork.touch(insurancePools[pool].accountIndex)
                recordFundChange(pool: pool, .badDebt, amount: -covered, symbol: market.map { markets[$0].symbol },
                                 account: accounts[account].id, into: &events)
            }
        }
        let uncovered = debt - covered
        if let slot = isolatedSlot {
            accounts[account].positions[slot].reportedShortfall += uncovered
        } else {
            accounts[account].reportedShortfall += uncovered
        }
        events.append(.badDebt(BadDebt(
            account: accounts[account].id, symbol: isolatedSlot.map { markets[accounts[account].positions[$0].market].symbol },
            amount: debt, pool: pool.map { insurancePools[$0].name }, coveredByFund: covered, uncovered: uncovered)))
    }
}
