import BackstopCore

extension Engine {
    /// Carries out a deleveraging request with the market's policy and reports the round.
    ///
    /// Closing policies close each chosen counterparty against the bankrupt position at the execution
    /// price, with no fee, after cancelling the counterparty's orders in the market. The socialized
    /// loss instead moves the remainder to the market's insurance fund at the mark and debits the
    /// winners' profit to make up the bankrupt account's deficit (the debit leaves the balance and
    /// raises the position's cost alike, so it comes out of unrealized profit and later rounds see
    /// what is left); a market without a fund uses pro-rata instead.
    mutating func deleverage(_ request: DeleveragingRequest, account: Int, market: Int, into events: inout [Event]) {
        let spec = markets[market].spec
        let mark = valuationPrice(market: market)
        let pool = poolIndex(market: market)
        let policyName = spec.deleveraging.policy == .socializedLoss && pool == nil ? .proRata : spec.deleveraging.policy
        // The socialized loss closes no one: its shortfall is always measured from the bankruptcy price.
        let atBankruptcy = spec.deleveraging.executionPrice == .bankruptcy || policyName == .socializedLoss
        let price = atBankruptcy ? request.bankruptcyPrice : mark
        let terms = DeleveragingTerms(
            bankruptSide: request.positionSide, quantity: request.quantity, executionPrice: price, markPrice: mark,
            lotSize: spec.lotSize, seed: request.id &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: time))
        let found = deleveragingCandidates(market: market, side: terms.counterpartySide, excluding: account)
            .on(terms.counterpartySide)
        let plan = policyName.policy.plan(terms, candidates: found.candidates)
        let closingSide = request.positionSide.opposite

        var counterparties: [DeleveragedCounterparty] = []
        var unabsorbed = request.quantity
        if policyName == .socializedLoss, let pool {
            transferPosition(
                from: account, to: insurancePools[pool].accountIndex, market: market, side: closingSide,
                quantity: request.quantity, price: mark, kind: .fundTakeover, into: &events)
        }
        for allocation in plan.allocations {
            let holder = found.holders[allocation.candidate]
            let candidate = found.candidates[allocation.candidate]
            let positionBefore = accounts[holder].position(market: market)?.quantity ?? .zero
            let haircut: Money
            // A plan never asks for more than the request or the position; the clamp keeps a faulty
            // policy from flipping either side.
            let closed = min(allocation.quantity, unabsorbed, candidate.size)
            if closed.isPositive {
                cancelOrders(of: holder, market: market, reason: .deleveraging, into: &events)
                transferPosition(
                    from: account, to: holder, market: market, side: closingSide, quantity: closed,
                    price: price, kind: .deleveraging, into: &events)
                unabsorbed -= closed
                haircut = candidate.haircut(closing: closed, terms: terms)
            } else {
                // The debit comes out of the position's profit: its cost moves by the same amount, so
                // its unrealized profit, which caps the next round's debit, falls with it.
                debitMarginBucket(account: holder, market: market, amount: allocation.debit)
                if let slot = accounts[holder].positionIndex(market: market) {
                    accounts[holder].positions[slot].cost += allocation.debit
                }
                creditDeficit(account: account, market: market, amount: allocation.debit)
                riskWork.touch(holder)
                haircut = allocation.debit
            }
            let profit = candidate.unrealizedPnL(at: mark, side: terms.counterpartySide)
            counterparties.append(DeleveragedCounterparty(
                account: candidate.account, positionBefore: positionBefore, closed: closed, price: price,
                haircut: haircut, profit: profit,
                haircutFraction: profit.isPositive ? haircut.ratio(to: profit, rounding: .up) : nil,
                score: allocation.score))
        }
        if let slot = accounts[account].positionIndex(market: market) {
            accounts[account].positions[slot].awaitingDeleveraging = policyName != .socializedLoss && unabsorbed.isPositive
        }
        let totalHaircut = counterparties.reduce(Money.zero) { $0 + $1.haircut }
        // What the counterparties should give up in all: the quantity times the execution price's
        // distance from the mark (negative when they gain by it, zero at the mark); the socialized
        // loss aims at the shortfall itself. At the mark the shortfall is left to bad-debt settlement.
        let socialized = policyName == .socializedLoss
        let expected = socialized ? request.shortfall : request.quantity.value(at: terms.haircutPerContract, rounding: .up)
        let uncovered = socialized ? plan.uncovered : (price == mark ? request.shortfall : .zero)
        events.append(.deleveraged(DeleveragingRound(
            request: request, policy: policyName, executionPrice: price, markPrice: mark,
            candidatesConsidered: plan.candidatesConsidered, counterparties: counterparties,
            totalClosed: request.quantity - (socialized ? request.quantity : unabsorbed), totalHaircut: totalHaircut,
            expectedHaircut: expected, roundingDifference: totalHaircut + plan.uncovered - expected,
            uncovered: uncovered)))
    }

    /// Cancels an account's open orders in one market.
    mutating func cancelOrders(of account: Int, market: Int, reason: OrderCloseReason, into events: inout [Event]) {
        for id in accounts[account].position(market: market)?.openOrders ?? [] {
            if let slot = markets[market].book.slot(of: id) {
                removeResting(slot: slot, market: market, reason: reason, into: &events)
            }
        }
    }

    /// Pays money to a bankrupt account: first into a flat isolated balance left negative in that
    /// market, the rest to its cross balance.
    private mutating func creditDeficit(account: Int, market: Int, amount: Money) {
        var rest = amount
        if let slot = accounts[account].positionIndex(market: market),
           accounts[account].positions[slot].isolatedCash.isNegative
        {
            let fill = min(rest, -accounts[account].positions[slot].isolatedCash)
            accounts[account].positions[slot].isolatedCash += fill
            rest -= fill
        }
        accounts[account].cash += rest
        riskWork.touch(account)
    }
}

