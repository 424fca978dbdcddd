import BackstopCore

/// One counterparty's part in a deleveraging round, as a risk officer audits it.
public struct DeleveragedCounterparty: Hashable, Sendable, Codable {
    public var account: AccountID
    /// Its signed position before the round.
    public var positionBefore: Quantity
    /// Contracts closed (zero under the socialized loss).
    public var closed: Quantity
    /// The price they were closed at.
    public var price: Price
    /// What it lost against closing at the mark (or the profit debited, under the socialized loss).
    public var haircut: Money
    /// Its unrealized profit at the mark before the round.
    public var profit: Money
    /// The haircut as a fraction of that profit; absent when it had none.
    public var haircutFraction: Rate?
    /// Its score under the policy, where the policy ranks.
    public var score: Score?
}

/// A deleveraging request carried out: who paid, how much, and why.
public struct DeleveragingRound: Hashable, Sendable, Codable {
    /// The request it answers.
    public var request: DeleveragingRequest
    public var policy: DeleveragingPolicyName
    public var executionPrice: Price
    public var markPrice: Price
    /// How many opposite-side positions the policy looked at.
    public var candidatesConsidered: Int
    public var counterparties: [DeleveragedCounterparty]
    /// Contracts closed in all (the request's quantity for closing policies).
    public var totalClosed: Quantity
    /// The haircuts added up.
    public var totalHaircut: Money
    /// What they should add up to: the quantity times the execution price's distance from the mark
    /// against the counterparties (negative when they gain by it, zero at the mark), or the
    /// shortfall under the socialized loss.
    public var expectedHaircut: Money
    /// `totalHaircut + uncovered − expectedHaircut` under the socialized loss, `totalHaircut −
    /// expectedHaircut` otherwise: the money rounding of closing in pieces, made explicit (a few raw
    /// units at most).
    public var roundingDifference: Money
    /// The part of the shortfall the counterparties did not pay: the socialized loss when winners'
    /// profit falls short, or all of it when closing at the mark. It goes to bad-debt settlement.
    public var uncovered: Money
}
