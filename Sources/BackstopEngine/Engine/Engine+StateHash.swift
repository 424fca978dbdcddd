import BackstopCore

extension Engine {
    /// SHA-256 of the whole state in a canonical layout: the same commands give the same hash in any
    /// process. Idle position slots (no size, no orders, default settings) are left out, since they
    /// are not observable.
    public var stateHash: String {
        var hasher = StateHasher()
        hasher.add(time)
        hasher.add(nextOrderID)
        hasher.add(nextTradeID)
        hasher.add(feeBalance)
        hasher.add(totalDeposits)
        hasher.add(totalWithdrawals)
        hasher.add(markets.count)
        for market in markets {
            hash(market, into: &hasher)
        }
        hasher.add(insurancePools.count)
        for pool in insurancePools {
            hash(pool, into: &hasher)
        }
        hasher.add(deleveragingRequests.count)
        for request in deleveragingRequests {
            hasher.add(request.account.rawValue)
            hasher.add(request.symbol)
            hasher.add(request.quantity)
            hasher.add(request.bankruptcyPrice)
        }
        hasher.add(accounts.count)
        for account in accounts {
            hasher.add(account.id.rawValue)
            hasher.add(account.role.rawValue)
            hasher.add(account.cash)
            hasher.add(account.reportedShortfall)
            hasher.add(account.lastFilledMarket ?? -1)
            let observable = account.positions.filter { !isDefault($0) }
            hasher.add(observable.count)
            for position in observable {
                hasher.add(position.market)
                hasher.add(position.quantity)
                hasher.add(position.cost)
                hasher.add(position.leverage)
                hasher.add(position.marginMode.rawValue)
                hasher.add(position.isolatedCash)
                hasher.add(position.awaitingDeleveraging)
                hasher.add(position.reportedShortfall)
            }
        }
        return hasher.finish()
    }

    private func isDefault(_ position: Position) -> Bool {
        position.isIdle && position.marginMode == .cross && position.reportedShortfall.isZero
            && position.leverage == min(Engine.defaultLeverage, markets[position.market].spec.maxLeverage)
    }

    private func hash(_ pool: InsurancePool, into hasher: inout StateHasher) {
        hasher.add(pool.name)
        hasher.add(pool.accountIndex)
        hasher.add(pool.suspendedUntil != nil)
        hasher.add(pool.suspendedUntil ?? 0)
        hasher.add(pool.equityHistory.count)
        for record in pool.equityHistory {
            hasher.add(record.time)
            hasher.add(record.equity)
        }
        hasher.add(pool.ledger.count)
        for entry in pool.ledger {
            hasher.add(entry.time)
            hasher.add(entry.kind.rawValue)
            hasher.add(entry.amount)
        }
    }

    private func hash(_ market: MarketState, into hasher: inout StateHasher) {
        hasher.add(market.symbol)
        hasher.add(market.indexPrice)
        hasher.add(market.markPrice)
        hasher.add(market.lastTradePrice)
        hasher.add(market.indexSources.count)
        for source in market.indexSources {
            hasher.add(source.source)
            hasher.add(source.price)
        }
        hasher.add(market.basisSamples.count)
        for sample in market.basisSamples {
            hasher.add(sample.time)
            hasher.add(sample.basis)
        }
        hasher.add(market.funding.nextFundingTime)
        hasher.add(market.funding.lastRate)
        hasher.add(market.funding.premiumSum)
        hasher.add(market.funding.premiumSampleCount)
        for side in [Side.buy, .sell] {
            let orders = market.book.orders(side)
            hasher.add(orders.count)
            for order in orders {
                hasher.add(order.id.rawValue)
                hasher.add(accounts[order.accountIndex].id.rawValue)
                hasher.add(order.price)
                hasher.add(order.quantity)
                hasher.add(order.remaining)
                hasher.add(order.timeInForce.rawValue)
                hasher.add(order.reduceOnly)
                hasher.add(order.selfTradePrevention.rawValue)
                hasher.add(order.clientOrderId)
            }
        }
    }
}
