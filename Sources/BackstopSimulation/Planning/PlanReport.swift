import BackstopCore
import BackstopEngine

/// A deleveraging plan laid out for people: one row per counterparty touched and a summary.
public struct PlanReport: Sendable {
    /// One counterparty's part.
    public struct Row: Sendable, Equatable {
        public var account: AccountID
        public var closed: Quantity
        public var price: Price
        /// What it lost against the mark (or the profit debited, under the socialized loss).
        public var haircut: Money
        /// The haircut as a fraction of its unrealized profit; absent without profit.
        public var haircutFraction: Rate?
        public var score: Score?
    }

    /// The round in figures.
    public struct Summary: Sendable, Equatable, Encodable {
        public var policy: DeleveragingPolicyName
        public var totalClosed: Quantity
        public var totalHaircut: Money
        /// The shortfall the haircuts were to cover: quantity × (execution price − mark) against the counterparties.
        public var shortfall: Money
        public var uncovered: Money
        public var largestHaircutFraction: Rate
        public var accountsTouched: Int
        public var candidates: Int
        /// Gini of the haircut fractions over every candidate in profit (untouched ones count as 0).
        public var gini: Double
    }

    public var rows: [Row]
    public var summary: Summary

    /// Runs `policy` on the candidates and lays out the result.
    public init(policy: DeleveragingPolicyName, terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) {
        let plan = policy.policy.plan(terms, candidates: candidates)
        let side = terms.counterpartySide
        var fractions = [Int: Double]()
        rows = plan.allocations.map { allocation in
            let candidate = candidates[allocation.candidate]
            let haircut = allocation.quantity.isPositive ? candidate.haircut(closing: allocation.quantity, terms: terms) : allocation.debit
            let profit = candidate.unrealizedPnL(at: terms.markPrice, side: side)
            let fraction = profit.isPositive ? haircut.ratio(to: profit, rounding: .up) : nil
            if let fraction { fractions[allocation.candidate] = Double(fraction.raw) / Double(Rate.scale) }
            return Row(
                account: candidate.account, closed: allocation.quantity, price: terms.executionPrice, haircut: haircut,
                haircutFraction: fraction, score: allocation.score)
        }
        let winners = candidates.indices.filter { candidates[$0].unrealizedPnL(at: terms.markPrice, side: side).isPositive }
        summary = Summary(
            policy: policy, totalClosed: plan.totalClosed, totalHaircut: rows.reduce(.zero) { $0 + $1.haircut },
            shortfall: max(.zero, terms.quantity.value(at: terms.haircutPerContract, rounding: .up)),
            uncovered: plan.uncovered,
            largestHaircutFraction: rows.compactMap(\.haircutFraction).max() ?? .zero,
            accountsTouched: rows.count, candidates: candidates.count,
            gini: Inequality.gini(winners.map { fractions[$0] ?? 0 }))
    }
}
