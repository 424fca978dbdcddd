import BackstopCore

/// Chooses which counterparties absorb a bankrupt position and how much (REFERENCE sections 6 to 8).
///
/// A policy sees only candidates and terms, never the engine: the same inputs always give the same
/// plan, inside the engine and in `backstop adl-plan`.
public protocol DeleveragingPolicy: Sendable {
    /// The policy's name, as markets and the command line spell it.
    var name: DeleveragingPolicyName { get }

    /// The plan for one round. Closing policies allocate exactly `terms.quantity` in whole lots, never
    /// more than a candidate holds; the socialized loss closes nothing and debits profit instead.
    func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan

    /// How early a position on `side` would be deleveraged at `mark` (higher is earlier): the
    /// ranking behind the ADL indicator.
    func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score
}

extension DeleveragingPolicyName {
    /// The policy itself.
    public var policy: any DeleveragingPolicy {
        switch self {
        case .queueBitmex: QueuePolicy(ranking: .bitmex)
        case .queueBinance: QueuePolicy(ranking: .binance)
        case .queueHyperliquid: QueuePolicy(ranking: .hyperliquid)
        case .queueWhitebit: QueuePolicy(ranking: .whitebit)
        case .randomDydx: RandomStartPolicy()
        case .proRata: ProRataPolicy()
        case .minMax: MinMaxPolicy()
        case .leverageDraining: LeverageDrainingPolicy()
        case .socializedLoss: SocializedLossPolicy()
        }
    }
}

/// One counterparty's part in a plan.
public struct DeleveragingAllocation: Hashable, Sendable {
    /// The candidate's index in the list the policy was given.
    public var candidate: Int
    /// Contracts closed (zero under the socialized loss).
    public var quantity: Quantity
    /// Profit taken without closing (the socialized loss only).
    public var debit: Money
    /// The candidate's score under the policy, where it ranks.
    public var score: Score?
}

/// A policy's answer for one round.
public struct DeleveragingPlan: Hashable, Sendable {
    /// Who gives what, in the order to execute.
    public var allocations: [DeleveragingAllocation]
    /// How many candidates the policy looked at.
    public var candidatesConsidered: Int
    /// What the plan could not cover (the socialized loss when winners' profit is short).
    public var uncovered: Money = .zero

    /// Contracts closed in all.
    public var totalClosed: Quantity { allocations.reduce(.zero) { $0 + $1.quantity } }
}
