import BackstopCore
import BackstopEngine

/// What one policy's run of a scenario did, in figures and series.
public struct PolicyOutcome: Sendable {
    /// The policy.
    public var policy: DeleveragingPolicyName
    /// The headline figures.
    public var metrics: PolicyMetrics
    /// The insurance fund's equity after each step.
    public var fundEquity: [Money]
    /// Notional deleveraged so far, after each step.
    public var deleveragedNotional: [Money]
    /// Every account auto-deleveraging touched, hardest hit first.
    public var accounts: [AccountOutcome]
    /// Each winner's largest haircut as a fraction of its profit (0 when untouched), for the Lorenz curve.
    public var winnerFractions: [Double]
    /// How long the run took, in seconds (kept out of `summary.json`, which must not vary).
    public var wallSeconds: Double
}

/// The figures a risk team compares across policies.
public struct PolicyMetrics: Sendable, Equatable, Encodable {
    public var policy: DeleveragingPolicyName
    /// Liquidations started, and the notional at mark of the positions they closed.
    public var liquidations: Int
    public var liquidatedNotional: Money
    /// The insurance fund's equity at the start, its lowest, and at the end.
    public var fundStart: Money
    public var fundMinimum: Money
    public var fundEnd: Money
    /// Deleveraging rounds, distinct accounts deleveraged, and the notional closed at execution prices.
    public var deleveragingRounds: Int
    public var accountsDeleveraged: Int
    public var deleveragedNotional: Money
    /// What winners gave up against the mark, and the shortfall that was needed.
    public var haircut: Money
    public var shortfall: Money
    /// `max(0, haircut − shortfall)` and `max(0, shortfall − haircut)`.
    public var overshoot: Money
    public var undershoot: Money
    /// What forced closes cost winners against the prices at the horizon (positive: they would have
    /// made more by holding on).
    public var horizonCost: Money
    /// The largest haircut as a fraction of the profit of the account it hit, in any one round (the
    /// research's `x_i / u_i`).
    public var largestHaircutFraction: Rate
    /// Gini coefficient of haircut fractions over winners (untouched winners count as 0).
    public var haircutGini: Double
    /// Counterparties in profit when a round ran, how many were touched, and the share.
    public var winners: Int
    public var winnersTouched: Int
    public var winnersTouchedShare: Double
    /// Bad debt no fund, deleveraging or socialization covered.
    public var uncoveredBadDebt: Money
    /// The engine's state hash at the end.
    public var stateHash: String
    /// True when every engine invariant held at the end of the run.
    public var invariantsHeld: Bool
}

/// One account's part in a policy's deleveraging.
public struct AccountOutcome: Sendable, Equatable, Encodable {
    public var account: AccountID
    public var rounds: Int
    public var closed: Quantity
    /// What it gave up against the mark.
    public var haircut: Money
    /// Its profit at mark when first touched.
    public var profit: Money
    /// Its largest haircut as a fraction of its profit in any one round; absent without profit.
    public var haircutFraction: Rate?
    /// What the forced closes cost it against the horizon prices.
    public var horizonCost: Money
}
