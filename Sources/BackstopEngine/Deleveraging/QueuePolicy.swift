import BackstopCore
import HeapModule

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
        let side = terms.counterpartySide
        var ranked = Heap(candidates.indices.map { index in
            RankedCandidate(
                score: priority(of: candidates[index], side: side, mark: terms.markPrice),
                account: candidates[index].account, index: index)
        })
        var allocations: [DeleveragingAllocation] = []
        var remaining = terms.quantity
        while remaining.isPositive, let best = ranked.popMax() {
            let take = min(remaining, candidates[best.index].size)
            guard take.isPositive else { continue }
            allocations.append(DeleveragingAllocation(candidate: best.index, quantity: take, debit: .zero, score: best.score))
            remaining -= take
        }
        return DeleveragingPlan(allocations: allocations, candidatesConsidered: candidates.count)
    }
}

/// A candidate in a ranking: higher score first, then the lower account number.
struct RankedCandidate: Comparable {
    var score: Score
    var account: AccountID
    var index: Int

    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.score != rhs.score ? lhs.score < rhs.score : lhs.account > rhs.account
    }
}
