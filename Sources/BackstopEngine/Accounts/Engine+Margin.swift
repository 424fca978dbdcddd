import BackstopCore

extension Engine {
    /// The price that values positions in a market: the mark price (zero before the first index).
    func valuationPrice(market: Int) -> Price {
        markets[market].markPrice ?? .zero
    }

    /// Initial margin of a position at the mark price and its leverage.
    func initialMargin(of position: Position) -> Money {
        MarginMath.initialMargin(
            notional: MarginMath.notional(position.quantity, at: valuationPrice(market: position.market)),
            leverage: position.leverage)
    }

    /// Maintenance margin of a position at the mark price.
    public func maintenanceMargin(of position: Position) -> Money {
        let notional = MarginMath.notional(position.quantity, at: valuationPrice(market: position.market))
        return MarginMath.maintenanceMargin(
            notional: notional, tier: markets[position.market].spec.riskTiers.tier(forNotional: notional))
    }

    /// Unrealized PnL of a position at the mark price.
    public func unrealizedPnL(of position: Position) -> Money {
        MarginMath.unrealizedPnL(
            quantity: position.quantity, cost: position.cost, mark: valuationPrice(market: position.market))
    }

    /// Equity of an isolated position: its balance plus its value at mark.
    public func isolatedEquity(of position: Position) -> Money {
        position.isolatedCash + MarginMath.markValue(position.quantity, at: valuationPrice(market: position.market))
    }

    /// Cross equity (Binance's cross margin balance): cash plus the value at mark of cross positions.
    public func crossEquity(of account: Account) -> Money {
        account.positions.reduce(account.cash) { sum, position in
            guard position.marginMode == .cross, !position.quantity.isZero else { return sum }
            return sum + MarginMath.markValue(position.quantity, at: valuationPrice(market: position.market))
        }
    }

    /// Cross maintenance margin: the sum over cross positions.
    public func crossMaintenanceMargin(of account: Account) -> Money {
        account.positions.reduce(.zero) { sum, position in
            position.marginMode == .cross ? sum + maintenanceMargin(of: position) : sum
        }
    }

    /// What the account can still commit: cross equity − initial margin of cross positions − margin
    /// reserved by every open order (isolated positions' orders draw on the cross balance too).
    public func availableBalance(of account: Account) -> Money {
        account.positions.reduce(crossEquity(of: account)) { sum, position in
            let positionMargin = position.marginMode == .cross ? initialMargin(of: position) : .zero
            return sum - positionMargin - position.orderMargin
        }
    }

    /// What the account may withdraw: its available balance, but never unrealized profit.
    public func withdrawableBalance(of account: Account) -> Money {
        max(.zero, min(availableBalance(of: account), account.walletBalance))
    }
}

extension Engine {
    /// What backs a position apart from its own value (`K` in ``MarginMath``): for an isolated position
    /// its isolated balance; for a cross position the cross balance plus the other cross positions'
    /// value at mark minus their maintenance margin.
    public func collateral(of position: Position, in account: Account) -> Money {
        guard position.marginMode == .cross else { return position.isolatedCash }
        return crossCollateral(cash: account.cash, positions: account.positions, besides: position.market)
    }

    /// The cross balance plus the other cross positions' value at mark minus their maintenance margin.
    private func crossCollateral(cash: Money, positions: [Position], besides market: Int) -> Money {
        positions.reduce(cash) { sum, other in
            guard other.market != market, other.marginMode == .cross, !other.quantity.isZero else { return sum }
            return sum + MarginMath.markValue(other.quantity, at: valuationPrice(market: other.market))
                - maintenanceMargin(of: other)
        }
    }

    /// The mark price at which the position would be liquidated, other prices unchanged.
    public func liquidationPrice(of position: Position, in account: Account) -> Price? {
        MarginMath.liquidationPrice(
            quantity: position.quantity, collateral: collateral(of: position, in: account),
            tiers: markets[position.market].spec.riskTiers)
    }

    /// The liquidation price of one of an account's positions, read in place: the engine's own
    /// state is not copied to pass the position and its account by value.
    func liquidationPrice(account: Int, slot: Int) -> Price? {
        let market = accounts[account].positions[slot].market
        let collateral = accounts[account].positions[slot].marginMode == .cross
            ? crossCollateral(cash: accounts[account].cash, positions: accounts[account].positions, besides: market)
            : accounts[account].positions[slot].isolatedCash
        return MarginMath.liquidationPrice(
            quantity: accounts[account].positions[slot].quantity, collateral: collateral,
            tiers: markets[market].spec.riskTiers)
    }

    /// The mark price at which the position's margin would be exhausted, other prices unchanged.
    public func bankruptcyPrice(of position: Position, in account: Account) -> Price? {
        MarginMath.bankruptcyPrice(quantity: position.quantity, collateral: collateral(of: position, in: account))
    }
}
