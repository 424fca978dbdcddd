import BackstopCore

extension Engine {
    /// The market with this symbol.
    public func market(_ symbol: String) -> MarketState? {
        marketIndexBySymbol[symbol].map { markets[$0] }
    }

    /// The account with this number.
    public func account(_ id: AccountID) -> Account? {
        accountIndexByID[id].map { accounts[$0] }
    }

    func marketIndex(_ symbol: String) throws(Rejection) -> Int {
        // A few names are compared faster than one is hashed.
        if markets.count <= Engine.marketsFoundByComparing {
            for index in markets.indices where markets[index].spec.symbol == symbol {
                return index
            }
        } else if let index = marketIndexBySymbol[symbol] {
            return index
        }
        throw Rejection(.unknownMarket, "no market '\(symbol)'")
    }

    /// Up to this many markets, a symbol is looked up by comparing it with each market's.
    static let marketsFoundByComparing = 8

    func accountIndex(_ id: AccountID) throws(Rejection) -> Int {
        guard let index = accountIndexByID[id] else {
            throw Rejection(.unknownAccount, "no account \(id)")
        }
        return index
    }

    /// The index of a trader's account: engine-run accounts (insurance funds) may not trade or change
    /// their settings.
    func traderIndex(_ id: AccountID) throws(Rejection) -> Int {
        let index = try accountIndex(id)
        guard accounts[index].role == .trader else {
            throw Rejection(.systemAccount, "account \(id) is run by the engine")
        }
        return index
    }

    /// The index of the account's slot for a market, creating the slot if needed.
    ///
    /// Creating an empty slot is not an observable change: an idle slot has default settings and is
    /// left out of the state hash.
    mutating func positionSlot(account: Int, market: Int) -> Int {
        if let found = accounts[account].positionIndex(market: market) { return found }
        let leverage = min(Engine.defaultLeverage, markets[market].spec.maxLeverage)
        let position = Position(market: market, leverage: leverage)
        let insertAt = accounts[account].positions.firstIndex { $0.market > market }
            ?? accounts[account].positions.count
        accounts[account].positions.insert(position, at: insertAt)
        markets[market].holders.insert(account)
        return insertAt
    }

    /// How much of an order on `side` would reduce the account's position in a market, read in place.
    func reducible(account: Int, market: Int, by side: Side) -> Quantity {
        guard let slot = accounts[account].positionIndex(market: market) else { return .zero }
        return accounts[account].positions[slot].reducible(by: side)
    }

    /// The account's exposure in a market, read in place; a default slot's if it has never used it.
    func exposure(account: Int, market: Int) -> PositionExposure {
        guard let slot = accounts[account].positionIndex(market: market) else {
            return PositionExposure(
                market: market, quantity: .zero, leverage: min(Engine.defaultLeverage, markets[market].spec.maxLeverage),
                buyOrders: OrderTotals(), sellOrders: OrderTotals())
        }
        return accounts[account].positions[slot].exposure
    }

    /// The account's slot for a market, or a default one if it has never used the market.
    func positionOrDefault(account: Int, market: Int) -> Position {
        accounts[account].position(market: market)
            ?? Position(market: market, leverage: min(Engine.defaultLeverage, markets[market].spec.maxLeverage))
    }

    /// The long open interest of a market (equal to the short open interest when books balance),
    /// read from the market's holders only. Each position is bounded but their sum is not: past
    /// `Quantity`'s range it reads as the largest quantity rather than trap.
    public func openInterest(_ symbol: String) -> Quantity {
        guard let index = marketIndexBySymbol[symbol] else { return .zero }
        var total = Quantity.zero
        for account in markets[index].holders.accounts {
            if let position = accounts[Int(account)].position(market: index), position.quantity.isPositive {
                total = total.addingReportingOverflow(position.quantity) ?? Quantity(raw: .max)
            }
        }
        return total
    }
}
