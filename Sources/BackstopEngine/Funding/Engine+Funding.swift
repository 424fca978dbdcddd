import BackstopCore

extension Engine {
    /// Settles a market's funding: longs pay shorts `notional at mark × rate` (shorts pay when negative).
    ///
    /// Each payer's amount is rounded up; the total is shared among receivers in proportion to their
    /// size by largest remainders, so the payments sum to exactly zero across accounts.
    mutating func settleFunding(_ request: SettleFunding, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(request.symbol)
        let state = markets[market]
        guard time >= state.funding.nextFundingTime else {
            throw Rejection(.fundingNotDue, "funding for \(request.symbol) is due at \(state.funding.nextFundingTime)")
        }
        guard let mark = state.markPrice else {
            throw Rejection(.noMarkPrice, "market \(request.symbol) has no mark price yet")
        }
        let rate = FundingMath.rate(
            premiumSum: state.funding.premiumSum, samples: state.funding.premiumSampleCount, spec: state.spec.funding)

        var holders: [(account: Int, slot: Int, size: Quantity)] = []
        for (accountIndex, account) in accounts.enumerated() {
            if let slot = account.positionIndex(market: market), !account.positions[slot].quantity.isZero {
                holders.append((accountIndex, slot, account.positions[slot].quantity))
            }
        }
        let payerSign: Int64 = rate.isNegative ? -1 : 1
        let payers = holders.filter { $0.size.raw.signum() == payerSign }
        let receivers = holders.filter { $0.size.raw.signum() == -payerSign }
        let payments = payers.map {
            MarginMath.notional($0.size, at: mark).times(rate.magnitude, rounding: .up)
        }
        let total = payments.reduce(Money.zero, +)
        let receipts = FundingMath.shareByLargestRemainder(total, weights: receivers.map { $0.size.magnitude.raw })

        let interval = state.spec.funding.intervalMilliseconds
        markets[market].funding = FundingState(nextFundingTime: (time / interval + 1) * interval, lastRate: rate)
        events.append(.fundingSettled(FundingSettled(
            symbol: state.symbol, rate: rate, markPrice: mark, amount: total,
            nextFundingTime: markets[market].funding.nextFundingTime)))
        var transfers: [(account: Int, slot: Int, amount: Money)] = []
        for (holder, payment) in zip(payers, payments) where !payment.isZero {
            transfers.append((holder.account, holder.slot, -payment))
        }
        for (holder, receipt) in zip(receivers, receipts) where !receipt.isZero {
            transfers.append((holder.account, holder.slot, receipt))
        }
        transfers.sort { $0.account < $1.account }
        for transfer in transfers {
            riskWork.touch(transfer.account)
            if accounts[transfer.account].positions[transfer.slot].marginMode == .isolated {
                accounts[transfer.account].positions[transfer.slot].isolatedCash += transfer.amount
            } else {
                accounts[transfer.account].cash += transfer.amount
            }
            events.append(.fundingPaid(FundingPaid(
                account: accounts[transfer.account].id, symbol: state.symbol, amount: transfer.amount)))
            if let pool = poolIndex(account: transfer.account) {
                recordFundChange(pool: pool, .funding, amount: transfer.amount, symbol: state.symbol, into: &events)
            }
        }
    }
}
