import BackstopCore

extension Engine {
    /// Hands the scope's positions and margin to the backstop vault when equity is below the vault's
    /// threshold of maintenance margin (Hyperliquid's HLP below 2/3).
    ///
    /// Applies only when every position in the scope is in a market that names the same vault, and
    /// that vault is another trader's account. Positions move at the mark price with no fee; then the
    /// scope's whole balance moves to the vault, so the trader keeps nothing and the vault makes up
    /// any deficit.
    ///
    /// - Returns: true when the vault took over.
    mutating func takeOverByVault(account: Int, isolatedMarket: Int?, into events: inout [Event]) -> Bool {
        let positions = accounts[account].positions.filter { position in
            !position.quantity.isZero && !position.awaitingDeleveraging
                && (isolatedMarket.map { $0 == position.market } ?? (position.marginMode == .cross))
        }
        let vaults = Set(positions.map { markets[$0.market].spec.liquidation.backstopVault })
        guard let vaultNumber = vaults.first, vaults.count == 1, let vaultNumber,
              let vault = accountIndexByID[AccountID(vaultNumber)], vault != account,
              accounts[vault].role == .trader
        else { return false }
        let health = scopeHealth(account: account, isolatedMarket: isolatedMarket)
        let threshold = markets[positions[0].market].spec.liquidation.backstopThreshold
        guard health.equity < health.maintenanceMargin.times(threshold, rounding: .down) else { return false }

        let crossBefore = accounts[account].cash
        var taken: [VaultTakeover.TakenPosition] = []
        for position in positions {
            let mark = valuationPrice(market: position.market)
            let side: Side = position.quantity.isPositive ? .sell : .buy
            transferPosition(
                from: account, to: vault, market: position.market, side: side, quantity: position.quantity.magnitude,
                price: mark, kind: .vaultTakeover, into: &events)
            taken.append(.init(symbol: markets[position.market].symbol, quantity: position.quantity, price: mark))
        }
        var margin: Money
        if let market = isolatedMarket, let slot = accounts[account].positionIndex(market: market) {
            margin = accounts[account].cash - crossBefore + accounts[account].positions[slot].isolatedCash
            accounts[account].positions[slot].isolatedCash = .zero
            accounts[account].cash = crossBefore
        } else {
            margin = accounts[account].cash
            accounts[account].cash = .zero
        }
        accounts[vault].cash += margin
        events.append(.vaultTakeover(VaultTakeover(
            vault: accounts[vault].id, account: accounts[account].id, marginMode: isolatedMarket == nil ? .cross : .isolated,
            positions: taken, marginTransferred: margin)))
        return true
    }
}
