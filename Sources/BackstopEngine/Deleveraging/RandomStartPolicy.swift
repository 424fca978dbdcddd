import BackstopCore

/// dYdX v4: no ranking. Counterparties in account order are visited from a pseudo-random start
/// (SplitMix64 of the terms' seed, which the engine derives from its own state, so a replay makes
/// the same choice), wrapping around, at most 500 of them, skipping any the fill would push below
/// maintenance margin. If that does not cover the quantity, a second pass from the same start takes
/// whoever is left, skipping no one, so that the round always completes.
public struct RandomStartPolicy: DeleveragingPolicy {
    /// dYdX's limit on accounts visited in one pass.
    public static let visitLimit = 500

    public init() {}

    public var name: DeleveragingPolicyName { .randomDydx }

    /// No ranking: every position has the same priority.
    public func priority(of candidate: DeleveragingCandidate, side: Side, mark: Price) -> Score { .zero }

    public func plan(_ terms: DeleveragingTerms, candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        guard !candidates.isEmpty else { return DeleveragingPlan(allocations: [], candidatesConsidered: 0) }
        let order = candidates.indices.sorted { candidates[$0].account < candidates[$1].account }
        let start = Int(Self.mix(terms.seed) % UInt64(order.count))
        var taken = [Quantity](repeating: .zero, count: candidates.count)
        var sequence: [Int] = []
        var remaining = terms.quantity
        var visited = 0
        for pass in 0..<2 {
            for step in 0..<order.count where remaining.isPositive {
                if pass == 0, step >= Self.visitLimit { break }
                let index = order[(start + step) % order.count]
                if pass == 0 { visited += 1 }
                let room = candidates[index].size - taken[index]
                let take = min(remaining, room)
                guard take.isPositive else { continue }
                if pass == 0, !staysAboveMaintenance(candidates[index], closing: take, terms: terms) { continue }
                if taken[index].isZero { sequence.append(index) }
                taken[index] += take
                remaining -= take
            }
        }
        return DeleveragingPlan(
            allocations: sequence.map { DeleveragingAllocation(candidate: $0, quantity: taken[$0], debit: .zero, score: nil) },
            candidatesConsidered: max(visited, sequence.count))
    }

    /// True when closing `quantity` leaves the candidate at or above its (proportionally smaller)
    /// maintenance margin.
    private func staysAboveMaintenance(_ candidate: DeleveragingCandidate, closing quantity: Quantity, terms: DeleveragingTerms) -> Bool {
        let equity = candidate.equity - candidate.haircut(closing: quantity, terms: terms)
        let margin = candidate.maintenanceMargin.fraction((candidate.size - quantity).raw, of: candidate.size.raw, rounding: .up)
        return equity >= margin
    }

    /// A well-mixed start from any seed: SplitMix64's first output.
    static func mix(_ seed: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: seed)
        return generator.next()
    }
}
