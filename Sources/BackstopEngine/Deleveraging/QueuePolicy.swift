import BackstopCore

/// The venues' queue: rank the counterparties by a score and close each whole, best first, until the
/// quantity is met (the last one partly). Ties go to the lower account number.
public struct QueuePolicy: DeleveragingPolicy {
    /// The venues' scores (REFERENCE section 6); `PnL` is unrealized at mark.
    public enum Ranking: Sendable {
        /// BitMEX: `PnL% × effective leverage` when in profit, else `PnL% / effective leverage`, with
        /// `PnL% = PnL / entry value` and `effective leverage = notional / equity`.
        case bitmex
        /// Binance (as its staff state it): `max(0, PnL) / max(1, wallet) × maintenance margin / equity`
        /// (the margin ratio is 0 when equity is not positive).
        case binance
        /// Hyperliquid: `(mark / entry) × (notional / equity)` for longs, `(entry / mark) × ...` for
        /// shorts, so that profit ranks higher on either side.
        case hyperliquid
        /// WhiteBIT: `(PnL / notional) × (notional / equity)`, positive scores only (others rank last).
        case whitebit
    }

    /// The score in use.
    public var ranking: Ranking

    /// Creates a queue with a ranking.
    public init(ranking: Ranking) { self.ranking = ranking }

    public var name: DeleveragingPolicyName {
        switch ranking {
        case .bitmex: .queueBitmex
        case .binance: .queueBinance
        case .hyperliquid: .queueHyperliquid
        case .whitebit: .queueWhitebit
        }
    }

    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score {
        let notional = candidate.markValue(at: mark)
        let profit = candidate.unrealizedPnL(at: mark, side: side)
        switch ranking {
        case .bitmex:
            guard let pnlShare = Score.ratio(profit, candidate.entryValue) else { return .lowest }
            guard let leverage = Score.ratio(notional, candidate.equity) else {
                return pnlShare.isPositive ? .highest : .lowest
            }
            return pnlShare.isPositive ? pnlShare * leverage : (pnlShare / leverage) ?? .lowest
        case .binance:
            // Without profit the profit share, and so the product, is zero.
            guard profit.isPositive else { return .zero }
            let wallet = max(candidate.walletBalance, Money(units: 1))
            let pnlShare = Score.ratio(max(profit, .zero), wallet) ?? .zero
            let marginRatio = Score.ratio(candidate.maintenanceMargin, candidate.equity) ?? .zero
            return pnlShare * marginRatio
        case .hyperliquid:
            let entry = candidate.size.isZero ? mark : candidate.entryValue.price(per: candidate.size, rounding: .halfEven)
            guard entry.isPositive, let leverage = Score.ratio(notional, candidate.equity) else {
                return profit.isPositive ? .highest : .lowest
            }
            let move = side == .buy
                ? Score.ratio(Money(raw: mark.raw), Money(raw: entry.raw))
                : Score.ratio(Money(raw: entry.raw), Money(raw: mark.raw))
            return (move ?? .zero) * leverage
        case .whitebit:
            guard profit.isPositive else { return .lowest }
            return Score.ratio(profit, candidate.equity) ?? .highest
        }
    }

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        plan(terms, candidates: candidates, tuning: .standard)
    }

    /// The plan, scoring exactly only the candidates that can reach the queue's head.
    ///
    /// A threshold `t` is guessed from a sample; every candidate whose ``ScoreBound`` is below `t`
    /// has an exact score below `t` and is skipped, the others are scored exactly and those at `t` or
    /// above kept. Everyone skipped or dropped then ranks after everyone kept, so the kept ones are
    /// the head of the full queue, in the same order: if they hold the quantity, the plan is the one
    /// scoring everyone gives. If not, a lower threshold is tried, and finally everyone is scored.
    func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate], tuning: SelectionTuning) -> DeleveragingPlan {
        let side = terms.counterpartySide
        if candidates.count >= tuning.smallestSelection,
           let bound = ScoreBound(ranking: ranking, side: side, mark: terms.markPrice)
        {
            // A candidate that must be scored exactly ranks first, above every bound (and is no threshold).
            let sample = SampledThreshold.positions(count: candidates.count, tuning: tuning).map { index -> (key: Int128?, weight: Int64) in
                (bound.upperKey(candidates[index]).map { Int128($0) } ?? .max, max(0, candidates[index].size.raw))
            }
            let sampled = SampledThreshold(
                sample: sample, population: candidates.count, need: terms.quantity.raw, tuning: tuning)
            for position in sampled.thresholds(marginPercents: tuning.marginPercents) {
                guard let key = sample[position].key.flatMap(UInt64.init(exactly:)) else { continue }
                let threshold = ScoreBound.threshold(key: key)
                let head = ranked(candidates, terms: terms, atLeast: threshold, bound: bound)
                if let plan = walk(head, terms: terms, candidates: candidates, complete: false) { return plan }
            }
        }
        let everyone = candidates.indices.map { index in
            RankedCandidate(
                score: priority(of: candidates[index], side: side, mark: terms.markPrice),
                account: candidates[index].account, index: index)
        }
        return walk(everyone, terms: terms, candidates: candidates, complete: true)!
    }

    /// The candidates scoring `threshold` or more, skipping those whose bound is below it.
    private func ranked(
        _ candidates: [DeleveragingCandidate], terms: DeleveragingTerms, atLeast threshold: Score, bound: ScoreBound
    ) -> [RankedCandidate] {
        // One loop per ranking, so that each is compiled with its own bound and no switch inside.
        switch ranking {
        case .bitmex: scan(candidates, terms: terms, atLeast: threshold, bound: bound, fixing: .bitmex)
        case .binance: scan(candidates, terms: terms, atLeast: threshold, bound: bound, fixing: .binance)
        case .hyperliquid: scan(candidates, terms: terms, atLeast: threshold, bound: bound, fixing: .hyperliquid)
        case .whitebit: scan(candidates, terms: terms, atLeast: threshold, bound: bound, fixing: .whitebit)
        }
    }

    @inline(__always)
    private func scan(
        _ candidates: [DeleveragingCandidate], terms: DeleveragingTerms, atLeast threshold: Score, bound: ScoreBound,
        fixing fixed: Ranking
    ) -> [RankedCandidate] {
        let cutoff = ScoreBound.Cutoff(threshold, bound: bound)
        let side = terms.counterpartySide
        var kept: [RankedCandidate] = []
        candidates.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where !bound.rejects(buffer[index], ranking: fixed, below: cutoff) {
                let score = priority(of: buffer[index], side: side, mark: terms.markPrice)
                if score >= threshold { kept.append(RankedCandidate(score: score, account: buffer[index].account, index: index)) }
            }
        }
        return kept
    }

    /// Closes candidates whole, best first, the last one partly, until the quantity is met. `nil`
    /// when the candidates hold too little and are not `complete` (a head of the queue only).
    private func walk(
        _ ranked: [RankedCandidate], terms: DeleveragingTerms, candidates: [DeleveragingCandidate], complete: Bool
    ) -> DeleveragingPlan? {
        var allocations: [DeleveragingAllocation] = []
        var remaining = terms.quantity
        for best in ranked.sorted(by: >) {
            guard remaining.isPositive else { break }
            let take = min(remaining, candidates[best.index].size)
            guard take.isPositive else { continue }
            allocations.append(DeleveragingAllocation(candidate: best.index, quantity: take, debit: .zero, score: best.score))
            remaining -= take
        }
        guard complete || !remaining.isPositive else { return nil }
        return DeleveragingPlan(allocations: allocations, candidatesConsidered: candidates.count)
    }
}

/// A candidate in a ranking: higher score first, then the lower account number, then the earlier
/// candidate (the engine never lists an account twice).
struct RankedCandidate: Comparable {
    var score: Score
    var account: AccountID
    var index: Int

    static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.score != rhs.score { return lhs.score < rhs.score }
        return lhs.account != rhs.account ? lhs.account > rhs.account : lhs.index > rhs.index
    }
}
