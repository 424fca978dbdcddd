import BackstopCore

/// Where a position stands in its market's deleveraging order: Binance's `adlQuantile` (0 to 4, 4
/// first in line) and the five-light view (1 to 5 lights lit). The market is the one asked about.
public struct DeleveragingIndicator: Hashable, Sendable, Codable {
    public var account: AccountID
    /// The position's side.
    public var side: Side
    /// 0 to 4: the fifth of same-side positions it falls in, counting those ranked strictly below it;
    /// 4 is the top fifth. Under WhiteBIT's queue, WhiteBIT's own grade boundaries.
    public var quantile: Int
    /// `quantile + 1` lights of 5.
    public var lights: Int
    /// Its priority under the market's policy (higher is earlier).
    public var score: Score
    /// 1 for the first in line, among `of` same-side positions.
    public var rank: Int
    public var of: Int
}

/// A market's exposure to deleveraging, from its insurance fund's coverage (Binance's
/// `symbolAdlRisk`).
public struct DeleveragingRisk: Hashable, Sendable, Codable {
    /// Low, medium or high.
    public enum Rating: String, Hashable, Sendable, Codable {
        case low, medium, high
    }

    public var symbol: String
    public var rating: Rating
    /// The fund's equity (zero without a fund).
    public var fundEquity: Money
    /// The value at mark of one side of the market's open interest.
    public var openInterestNotional: Money
    /// `fundEquity / openInterestNotional`.
    public var coverage: Rate
}

extension Engine {
    /// The coverage below which a market's deleveraging risk is high (0.5%), and below which medium (2%).
    public static let deleveragingRiskThresholds = (high: Rate("0.005")!, medium: Rate("0.02")!)

    /// The indicator of every open position in a market, in account order: one ranking per side by
    /// the market's policy at the current mark. Reads only the market's holders, scoring each while
    /// it is read; each side is ranked by ``ScoreOrder``. Empty for an unknown market.
    public func deleveragingIndicators(_ symbol: String) -> DeleveragingIndicators {
        guard let market = marketIndexBySymbol[symbol] else {
            return DeleveragingIndicators(symbol: symbol, longs: .init(side: .buy), shorts: .init(side: .sell))
        }
        let policy = markets[market].spec.deleveraging.policy
        let ranking = policy.policy
        let mark = valuationPrice(market: market)
        var longs = DeleveragingIndicators.Standing(side: .buy)
        var shorts = DeleveragingIndicators.Standing(side: .sell)
        // At most every holder on either side: untouched capacity costs no memory.
        longs.reserveCapacity(markets[market].holders.count)
        shorts.reserveCapacity(markets[market].holders.count)
        forEachDeleveragingCandidate(market: market, side: nil, excluding: nil) { _, long, candidate in
            if long {
                longs.append(ranking.priority(of: candidate, side: .buy, mark: mark), account: candidate.account)
            } else {
                shorts.append(ranking.priority(of: candidate, side: .sell, mark: mark), account: candidate.account)
            }
        }
        longs.rank(policy: policy)
        shorts.rank(policy: policy)
        return DeleveragingIndicators(symbol: symbol, longs: longs, shorts: shorts)
    }

    /// The indicator of one account's position in a market, if it has one.
    public func deleveragingIndicator(account: AccountID, symbol: String) -> DeleveragingIndicator? {
        guard let market = marketIndexBySymbol[symbol], let holder = accountIndexByID[account],
              let position = accounts[holder].position(market: market), !position.quantity.isZero
        else { return nil }
        let side: Side = position.quantity.isPositive ? .buy : .sell
        let policy = markets[market].spec.deleveraging.policy
        let mark = valuationPrice(market: market)
        let own = policy.policy.priority(of: candidate(position, of: accounts[holder]), side: side, mark: mark)
        let found = deleveragingCandidates(market: market, side: side, excluding: nil).on(side)
        var below = 0
        var ahead = 0
        for other in found.candidates where other.account != account {
            let score = policy.policy.priority(of: other, side: side, mark: mark)
            if score < own { below += 1 }
            if score > own || (score == own && other.account < account) { ahead += 1 }
        }
        let quantile = Self.quantile(below: below, of: found.candidates.count, policy: policy)
        return DeleveragingIndicator(
            account: account, side: side, quantile: quantile, lights: quantile + 1, score: own,
            rank: ahead + 1, of: found.candidates.count)
    }

    /// The quantile of a position with `below` positions ranked strictly lower among `count`.
    static func quantile(below: Int, of count: Int, policy: DeleveragingPolicyName) -> Int {
        guard count > 0 else { return 0 }
        if policy == .queueWhitebit {
            // WhiteBIT's grade from the rank fraction k: 0 below 0.5, 1 below 0.73, 2 below 0.87,
            // 3 below 0.95, else 4 (in hundredths, exactly).
            let hundredths = below * 100 / count
            return hundredths < 50 ? 0 : hundredths < 73 ? 1 : hundredths < 87 ? 2 : hundredths < 95 ? 3 : 4
        }
        return min(4, below * 5 / count)
    }

    /// A market's deleveraging risk from its fund's coverage of open interest: high without a fund,
    /// with a suspended or empty fund, or under 0.5% coverage; medium under 2%; low otherwise.
    public func deleveragingRisk(_ symbol: String) -> DeleveragingRisk? {
        guard let market = marketIndexBySymbol[symbol] else { return nil }
        // Open interest is not bounded as one position is: past Money's range it reads as the maximum.
        let notional = openInterest(symbol).valueIfRepresentable(at: valuationPrice(market: market), rounding: .up)
            ?? Money(raw: .max)
        let pool = poolIndex(market: market)
        let equity = pool.map { fundEquity(insurancePools[$0]) } ?? .zero
        let coverage = notional.isPositive ? max(.zero, equity).ratio(to: notional, rounding: .down) : (equity.isPositive ? Rate(units: 1) : .zero)
        let suspended = pool.flatMap { insurancePools[$0].suspendedUntil }.map { $0 > time } ?? false
        let rating: DeleveragingRisk.Rating
        if pool == nil || suspended || !equity.isPositive || coverage < Self.deleveragingRiskThresholds.high {
            rating = .high
        } else if coverage < Self.deleveragingRiskThresholds.medium {
            rating = .medium
        } else {
            rating = .low
        }
        return DeleveragingRisk(
            symbol: symbol, rating: rating, fundEquity: equity, openInterestNotional: notional, coverage: coverage)
    }
}
