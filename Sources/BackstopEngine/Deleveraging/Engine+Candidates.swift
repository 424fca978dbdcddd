import BackstopCore

/// The positions of one side of a market as deleveraging sees them, in account order, each with the
/// index of its holder.
struct CandidateList {
    var candidates: [DeleveragingCandidate] = []
    var holders: [Int] = []
}

/// The positions of both sides of a market.
struct MarketCandidates {
    var longs = CandidateList()
    var shorts = CandidateList()

    /// The positions on `side`.
    func on(_ side: Side) -> CandidateList { side == .buy ? longs : shorts }
}

extension Engine {
    /// Every position in a market that may absorb a bankrupt one (the account `excluded` and positions
    /// waiting for deleveraging themselves left out), on `side` only when one is given, in account
    /// order. Only the market's holders are read (``MarketHolders``), and each market's mark and
    /// tiers once.
    func deleveragingCandidates(market: Int, side: Side?, excluding excluded: Int?) -> MarketCandidates {
        var found = MarketCandidates()
        forEachDeleveragingCandidate(market: market, side: side, excluding: excluded) { holder, long, candidate in
            if long {
                found.longs.candidates.append(candidate)
                found.longs.holders.append(holder)
            } else {
                found.shorts.candidates.append(candidate)
                found.shorts.holders.append(holder)
            }
        }
        return found
    }

    /// Calls `body` with the holder, the side (true for long) and the candidate of every position
    /// ``deleveragingCandidates(market:side:excluding:)`` lists, in the same order.
    ///
    /// The holders' position slots are scattered over the heap, so they are read in batches: a tight
    /// loop finds the slots of 64 holders (their cache misses overlap), then the candidates are built
    /// from what is then in cache.
    @inline(__always)
    func forEachDeleveragingCandidate(
        market: Int, side: Side?, excluding excluded: Int?, _ body: (Int, Bool, DeleveragingCandidate) -> Void
    ) {
        let valuation = CandidateValuation(markets: markets)
        let holders = markets[market].holders.accounts
        var batch: [(holder: Int, slot: Int)] = []
        batch.reserveCapacity(64)
        accounts.withUnsafeBufferPointer { accounts in
            for start in stride(from: 0, to: holders.count, by: 64) {
                batch.removeAll(keepingCapacity: true)
                for holder in holders[start..<min(start + 64, holders.count)] {
                    let index = Int(holder)
                    let account = accounts.baseAddress! + index
                    guard index != excluded, let slot = CandidateValuation.slot(market: market, of: account) else { continue }
                    let quantity = account.pointee.positions[slot].quantity
                    guard !quantity.isZero, !account.pointee.positions[slot].awaitingDeleveraging,
                          side.map({ ($0 == .buy) == quantity.isPositive }) ?? true
                    else { continue }
                    batch.append((index, slot))
                }
                for (index, slot) in batch {
                    let account = accounts.baseAddress! + index
                    body(index, account.pointee.positions[slot].quantity.isPositive, valuation.candidate(slot: slot, of: account))
                }
            }
        }
    }

    /// A position as a deleveraging policy sees it.
    func candidate(_ position: Position, of account: Account) -> DeleveragingCandidate {
        withUnsafePointer(to: account) { account in
            CandidateValuation(markets: markets).candidate(slot: account.pointee.positionIndex(market: position.market)!, of: account)
        }
    }

    /// The positions on `side` of a market as deleveraging policies see them, in account order.
    public func deleveragingCandidates(symbol: String, side: Side) -> [DeleveragingCandidate] {
        guard let market = marketIndexBySymbol[symbol] else { return [] }
        return deleveragingCandidates(market: market, side: side, excluding: nil).on(side).candidates
    }
}

/// Every market's mark and risk tiers, read once for a whole gather: a position's equity, wallet and
/// maintenance margin as ``Engine/isolatedEquity(of:)``, ``Engine/crossEquity(of:)``,
/// ``Account/walletBalance`` and ``Engine/maintenanceMargin(of:)`` compute them, reading the
/// positions in place.
struct CandidateValuation {
    /// The mark of each market (zero before its first index price).
    let marks: [Price]
    /// The risk tiers of each market.
    let tiers: [[RiskTier]]

    init(markets: [MarketState]) {
        marks = markets.map { $0.markPrice ?? .zero }
        tiers = markets.map(\.spec.riskTiers)
    }

    /// The slot of `market` in an account's positions, read in place.
    @inline(__always)
    static func slot(market: Int, of account: UnsafePointer<Account>) -> Int? {
        for slot in 0..<account.pointee.positions.count where account.pointee.positions[slot].market == market {
            return slot
        }
        return nil
    }

    /// The candidate for the position in `slot` of an account, read in place.
    @inline(__always)
    func candidate(slot: Int, of account: UnsafePointer<Account>) -> DeleveragingCandidate {
        let quantity = account.pointee.positions[slot].quantity
        let cost = account.pointee.positions[slot].cost
        guard account.pointee.positions[slot].marginMode == .cross else {
            let market = account.pointee.positions[slot].market
            let isolatedCash = account.pointee.positions[slot].isolatedCash
            return DeleveragingCandidate(
                account: account.pointee.id, size: quantity.magnitude, entryValue: cost.magnitude,
                equity: isolatedCash + quantity.value(at: marks[market], rounding: .down),
                walletBalance: isolatedCash + cost, maintenanceMargin: maintenanceMargin(quantity, market: market))
        }
        var equity = account.pointee.cash
        var wallet = account.pointee.cash
        var maintenance = Money.zero
        for other in 0..<account.pointee.positions.count where account.pointee.positions[other].marginMode == .cross {
            let otherQuantity = account.pointee.positions[other].quantity
            let market = account.pointee.positions[other].market
            if !otherQuantity.isZero { equity += otherQuantity.value(at: marks[market], rounding: .down) }
            wallet += account.pointee.positions[other].cost
            maintenance += maintenanceMargin(otherQuantity, market: market)
        }
        return DeleveragingCandidate(
            account: account.pointee.id, size: quantity.magnitude, entryValue: cost.magnitude,
            equity: equity, walletBalance: wallet, maintenanceMargin: maintenance)
    }

    /// Maintenance margin of a position of `quantity` at its market's mark.
    @inline(__always)
    private func maintenanceMargin(_ quantity: Quantity, market: Int) -> Money {
        let notional = MarginMath.notional(quantity, at: marks[market])
        // The tier holding the notional, as `MarketSpec.tier(forNotional:)` finds it.
        return tiers[market].withUnsafeBufferPointer { tiers in
            var chosen = 0
            for tier in tiers.indices.dropFirst() where notional >= tiers[tier].notionalFloor { chosen = tier }
            return MarginMath.maintenanceMargin(notional: notional, tier: tiers[chosen])
        }
    }
}
