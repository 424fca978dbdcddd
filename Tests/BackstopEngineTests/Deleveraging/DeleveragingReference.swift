import BackstopCore
@testable import BackstopEngine

/// The policies' plans computed the straightforward way, as the engine computed them before it
/// learned to skip candidates: every candidate scored or weighed exactly, everyone sorted. The fast
/// plans must equal these on every input.
enum DeleveragingReference {
    // MARK: Queues

    /// Scores everyone with the ranking's exact ``Score``, sorts by score (ties to the lower account,
    /// then the earlier candidate) and closes each whole, the last one partly.
    static func queuePlan(_ ranking: QueuePolicy.Ranking, _ terms: DeleveragingTerms, _ candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let policy = QueuePolicy(ranking: ranking)
        let scores = candidates.map { policy.priority(of: $0, side: terms.counterpartySide, mark: terms.markPrice) }
        let order = candidates.indices.sorted { left, right in
            if scores[left] != scores[right] { return scores[left] > scores[right] }
            if candidates[left].account != candidates[right].account { return candidates[left].account < candidates[right].account }
            return left < right
        }
        var allocations: [DeleveragingAllocation] = []
        var remaining = terms.quantity
        for index in order where remaining.isPositive {
            let take = min(remaining, candidates[index].size)
            guard take.isPositive else { continue }
            allocations.append(DeleveragingAllocation(candidate: index, quantity: take, debit: .zero, score: scores[index]))
            remaining -= take
        }
        return DeleveragingPlan(allocations: allocations, candidatesConsidered: candidates.count)
    }

    // MARK: Pro-rata and min-max

    /// Pro-rata or min-max: winners by profit (largest remainder, or min-max's greedy), or, when they
    /// hold too little, all of them and the others by size.
    static func profitWeightedPlan(minMax: Bool, _ terms: DeleveragingTerms, _ candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let profits = candidates.map { max(.zero, $0.unrealizedPnL(at: terms.markPrice, side: terms.counterpartySide)) }
        let caps = candidates.map { terms.lots($0.size) }
        let winners = candidates.indices.filter { profits[$0].isPositive && caps[$0] > 0 }
        let winnerLots = winners.reduce(Int64(0)) { $0 + caps[$1] }
        var lots = [Int64](repeating: 0, count: candidates.count)
        if winnerLots >= terms.lots {
            let weights = winners.map { profits[$0].raw }
            let winnerCaps = winners.map { caps[$0] }
            let shares = minMax
                ? minMaxLots(total: terms.lots, weights: weights, caps: winnerCaps)
                : largestRemainder(total: terms.lots, weights: weights, caps: winnerCaps)
            for (position, index) in winners.enumerated() { lots[index] = shares[position] }
        } else {
            for index in winners { lots[index] = caps[index] }
            let others = candidates.indices.filter { !profits[$0].isPositive && caps[$0] > 0 }
            let shares = largestRemainder(
                total: terms.lots - winnerLots, weights: others.map { caps[$0] }, caps: others.map { caps[$0] })
            for (position, index) in others.enumerated() { lots[index] = shares[position] }
        }
        let chosen = lots.indices.filter { lots[$0] > 0 }.sorted { lots[$0] != lots[$1] ? lots[$0] > lots[$1] : $0 < $1 }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(candidate: $0, quantity: terms.quantity(lots: lots[$0]), debit: .zero, score: Score(profits[$0]))
            },
            candidatesConsidered: candidates.count)
    }

    /// Recipients in ascending `cap / weight` are capped while their share at the level reaches
    /// their cap; the level is what is left over the weight left.
    static func waterLevel(total: Int64, weights: [Int64], caps: [Int64]) -> (capped: [Bool], remaining: Int64, weight: Int128) {
        let order = weights.indices.sorted { left, right in
            let lhs = Int128(caps[left]) * Int128(weights[right])
            let rhs = Int128(caps[right]) * Int128(weights[left])
            return lhs != rhs ? lhs < rhs : left < right
        }
        var capped = [Bool](repeating: false, count: weights.count)
        var remaining = Int128(total)
        var weightLeft = weights.reduce(Int128(0)) { $0 + Int128($1) }
        for index in order {
            guard weightLeft > 0, Int128(caps[index]) * weightLeft <= remaining * Int128(weights[index]) else { break }
            capped[index] = true
            remaining -= Int128(caps[index])
            weightLeft -= Int128(weights[index])
        }
        return (capped, Int64(remaining), weightLeft)
    }

    /// Caps, floors, then one more unit for each largest remainder (ties to the earlier recipient).
    static func largestRemainder(total: Int64, weights: [Int64], caps: [Int64]) -> [Int64] {
        let level = waterLevel(total: total, weights: weights, caps: caps)
        var shares = [Int64](repeating: 0, count: weights.count)
        var remainders: [(index: Int, remainder: Int128)] = []
        var given = Int128(0)
        for index in weights.indices {
            if level.capped[index] {
                shares[index] = caps[index]
                given += Int128(caps[index])
            } else if level.weight > 0 {
                let product = Int128(level.remaining) * Int128(weights[index])
                shares[index] = Int64(product / level.weight)
                given += Int128(shares[index])
                if shares[index] < caps[index] { remainders.append((index, product % level.weight)) }
            }
        }
        var leftover = Int128(total) - given
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in remainders where leftover > 0 {
            shares[entry.index] += 1
            leftover -= 1
        }
        return shares
    }

    /// Caps, floors, then each leftover lot to the recipient whose `lots / weight` after it is
    /// smallest (ties to the earlier recipient).
    static func minMaxLots(total: Int64, weights: [Int64], caps: [Int64]) -> [Int64] {
        let level = waterLevel(total: total, weights: weights, caps: caps)
        var lots = weights.indices.map { index -> Int64 in
            if level.capped[index] { return caps[index] }
            guard level.weight > 0 else { return 0 }
            return Int64(Int128(level.remaining) * Int128(weights[index]) / level.weight)
        }
        var leftover = total - lots.reduce(0, +)
        while leftover > 0 {
            // The smallest (lots + 1) / weight, compared exactly; the earlier recipient on a tie.
            var best: Int?
            for index in weights.indices where lots[index] < caps[index] {
                guard let current = best else {
                    best = index
                    continue
                }
                let candidate = Int128(lots[index] + 1) * Int128(weights[current])
                let incumbent = Int128(lots[current] + 1) * Int128(weights[index])
                if candidate < incumbent { best = index }
            }
            guard let best else { break }
            lots[best] += 1
            leftover -= 1
        }
        return lots
    }
    // MARK: Leverage draining

    /// Leverage draining with every candidate scored and cut in dense arrays, as the policy was first
    /// written.
    static func leverageDrainingPlan(_ terms: DeleveragingTerms, _ candidates: [DeleveragingCandidate]) -> DeleveragingPlan {
        let policy = LeverageDrainingPolicy()
        let scores = candidates.map { policy.priority(of: $0, side: terms.counterpartySide, mark: terms.markPrice) }
        let exact = drainingCuts(terms: terms, candidates: candidates, scores: scores)
        let lotRaw = Int128(terms.lotSize.raw)
        let caps = candidates.map { terms.lots($0.size) }
        var lots = exact.indices.map { min(caps[$0], Int64(exact[$0] / lotRaw)) }
        var leftover = terms.lots - lots.reduce(0, +)
        let byFraction = exact.indices
            .filter { lots[$0] < caps[$0] && exact[$0] % lotRaw > 0 }
            .sorted { left, right in
                let lhs = exact[left] % lotRaw
                let rhs = exact[right] % lotRaw
                return lhs != rhs ? lhs > rhs : candidates[left].account < candidates[right].account
            }
        for index in byFraction where leftover > 0 {
            lots[index] += 1
            leftover -= 1
        }
        let chosen = lots.indices.filter { lots[$0] > 0 }.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[$0].account < candidates[$1].account
        }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(candidate: $0, quantity: terms.quantity(lots: lots[$0]), debit: .zero, score: scores[$0])
            },
            candidatesConsidered: candidates.count)
    }

    /// Each candidate's cut in raw quantity units.
    static func drainingCuts(terms: DeleveragingTerms, candidates: [DeleveragingCandidate], scores: [Score]) -> [Int128] {
        let target = Int128(terms.quantity.raw)
        let unbounded = candidates.map { !$0.equity.isPositive || $0.equity <= $0.size.value(at: terms.haircutPerContract, rounding: .up) }
        let unboundedSizes = candidates.indices.filter { unbounded[$0] }.reduce(Int128(0)) { $0 + Int128(candidates[$1].size.raw) }
        var cuts = [Int128](repeating: 0, count: candidates.count)
        if unboundedSizes >= target {
            let drained = candidates.indices.filter { unbounded[$0] }
            let shares = largestRemainder(
                total: Int64(target), weights: drained.map { candidates[$0].size.raw }, caps: drained.map { candidates[$0].size.raw })
            for (position, index) in drained.enumerated() { cuts[index] = Int128(shares[position]) }
            return cuts
        }
        for index in candidates.indices where unbounded[index] { cuts[index] = Int128(candidates[index].size.raw) }
        let wanted = target - unboundedSizes
        let bounded = candidates.indices.filter { !unbounded[$0] }
        func total(atLevel level: Int64) -> Int128 {
            bounded.reduce(Int128(0)) { $0 + drainingCut(candidates[$1], level: level, terms: terms) }
        }
        var low: Int64 = 0
        var high = LeverageDrainingPolicy.maximumLevel.raw
        while low < high {
            let middle = low + (high - low + 1) / 2
            if total(atLevel: middle) >= wanted { low = middle } else { high = middle - 1 }
        }
        var residual = wanted
        var extra = [Int128](repeating: 0, count: candidates.count)
        for index in bounded {
            let above = drainingCut(candidates[index], level: low + 1, terms: terms)
            cuts[index] = above
            extra[index] = drainingCut(candidates[index], level: low, terms: terms) - above
            residual -= above
        }
        let mostLevered = bounded.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : candidates[$0].account < candidates[$1].account
        }
        for index in mostLevered where residual > 0 {
            let give = min(residual, extra[index])
            cuts[index] += give
            residual -= give
        }
        return cuts
    }

    /// Raw contracts a candidate gives to reach leverage `level`: `(notional − L e) / (m − L h)`.
    static func drainingCut(_ candidate: DeleveragingCandidate, level: Int64, terms: DeleveragingTerms) -> Int128 {
        let size = Int128(candidate.size.raw)
        let rate = Int128(Rate.scale)
        let notional = Int128(candidate.size.value(at: terms.markPrice, rounding: .down).raw)
        let numerator = notional - Int128(level) * Int128(candidate.equity.raw) / rate
        guard numerator > 0 else { return 0 }
        let denominator = Int128(terms.markPrice.raw) - Int128(level) * Int128(terms.haircutPerContract.raw) / rate
        guard denominator > 0 else { return size }
        let valueScale = Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale)
        return min(size, numerator * valueScale / denominator)
    }
}
