import BackstopCore

/// What pro-rata and min-max share: winners (a positive profit at the mark and at least one whole
/// lot) split the quantity by profit; if together they hold less, each is closed whole and the rest
/// goes to the others with a whole lot, by size (largest remainder).
enum ProfitWeightedLots {
    /// The plan: lots per candidate from `split` (or the fallback by size), largest share first, ties
    /// to the lower index, each with the candidate's profit (zero for a loss) as its score.
    ///
    /// One pass over the candidates computes each profit exactly (``RoundValuation``), sums the
    /// winners' profits and sizes, and keeps the heaviest winners: those at or above a profit that a
    /// sample puts a small multiple of the quantity's lots above. ``WeightedLots`` asks its questions
    /// of those, and computes every profit again only if one goes below them.
    static func plan(
        _ terms: DeleveragingTerms, candidates: [DeleveragingCandidate], tuning: SelectionTuning,
        split: (WeightedLots) -> [(index: Int, lots: Int64)]
    ) -> DeleveragingPlan {
        let valuation = RoundValuation(terms: terms)
        let side = terms.counterpartySide
        let total = terms.lots
        guard total > 0 else { return DeleveragingPlan(allocations: [], candidatesConsidered: candidates.count) }
        let profit = { (index: Int) -> Int64 in winnerProfit(candidates[index], valuation: valuation, side: side) }
        let (heavyFloor, heavyCount) = heavyProfit(count: candidates.count, lots: total, tuning: tuning, profit: profit)
        let lot = terms.lotSize.raw
        let winners = side == .buy
            ? collect(candidates, valuation: valuation, long: true, heavyFloor: heavyFloor, heavyCount: heavyCount)
            : collect(candidates, valuation: valuation, long: false, heavyFloor: heavyFloor, heavyCount: heavyCount)
        let cap = { (index: Int) in valuation.lots(candidates[index].size) }
        var lots: [(index: Int, lots: Int64)]
        if winnersHold(total, size: winners.size, count: winners.count, lot: lot, lots: {
            candidates.indices.reduce(Int128(0)) { $0 + Int128(profit($1) > 0 ? cap($1) : 0) }
        }) {
            let recipients = RecipientWeights(
                count: candidates.count, sum: winners.profit, heavy: winners.heavy, heavyFloor: heavyFloor, weightOf: profit)
            lots = split(WeightedLots(weights: recipients, total: total, cap: cap))
        } else {
            let sizes = candidates.indices.map { index -> Int64 in
                guard profit(index) == 0, valuation.profit(candidates[index], side: side).raw <= 0 else { return 0 }
                return max(0, valuation.lots(candidates[index].size))
            }
            let winners = candidates.indices.filter { profit($0) > 0 }.map { ($0, cap($0)) }
            let winnerLots = winners.reduce(Int64(0)) { $0 + $1.1 }
            let others = WeightedLots(weights: RecipientWeights(sizes), total: total - winnerLots, cap: cap)
            lots = winners + others.largestRemainderLots(tuning: tuning)
        }
        // The lots come in index order, as the heavy winners do: their profits are read alongside.
        var cursor = 0
        var chosen = lots.map { entry in
            while cursor < winners.heavy.count, winners.heavy[cursor].index < entry.index { cursor += 1 }
            let gain = cursor < winners.heavy.count && winners.heavy[cursor].index == entry.index
                ? winners.heavy[cursor].weight : profit(entry.index)
            return (index: entry.index, lots: entry.lots, profit: gain)
        }
        chosen.sort { $0.lots != $1.lots ? $0.lots > $1.lots : $0.index < $1.index }
        return DeleveragingPlan(
            allocations: chosen.map {
                DeleveragingAllocation(
                    candidate: $0.index, quantity: terms.quantity(lots: $0.lots), debit: .zero,
                    score: Score(Money(raw: $0.profit)))
            },
            candidatesConsidered: candidates.count)
    }

    /// What one pass over the candidates finds out about the winners.
    struct Winners {
        /// Their profits together.
        var profit = Int128(0)
        /// Their sizes together, raw.
        var size = Int128(0)
        var count = 0
        /// Those whose profit is at least the heavy floor, with it, in index order.
        var heavy: [(index: Int, weight: Int64)] = []
    }

    /// The winners among the candidates on one side (`long` fixed per call, so that each side has its
    /// own loop), without a branch on a candidate's profit.
    @inline(__always)
    static func collect(
        _ candidates: [DeleveragingCandidate], valuation: RoundValuation, long: Bool, heavyFloor: Int64, heavyCount: Int
    ) -> Winners {
        var winners = Winners()
        winners.heavy.reserveCapacity(heavyCount)
        let lot = valuation.lot
        // Sums of the high and low 32 bits apart, each within 64 bits for up to 2³¹ candidates.
        var (profitHigh, profitLow, sizeHigh, sizeLow) = (Int64(0), Int64(0), Int64(0), Int64(0))
        candidates.withUnsafeBufferPointer { candidates in
            for index in candidates.indices {
                let size = candidates[index].size.raw
                let value = valuation.value(candidates[index].size).raw
                let entry = candidates[index].entryValue.raw
                let gain = long ? value - entry : entry - value
                // A winner needs a whole lot: `size ≥ lot` (for a positive lot; the lot count otherwise).
                let whole = lot > 0 ? size >= lot : valuation.lots(candidates[index].size) > 0
                // 0 or all ones: the sums take a winner's values without a branch on its profit.
                let mask = 0 &- Int64((gain > 0 ? 1 : 0) & (whole ? 1 : 0))
                let weight = gain & mask
                profitHigh &+= weight >> 32
                profitLow &+= weight & 0xFFFF_FFFF
                sizeHigh &+= (size & mask) >> 32
                sizeLow &+= size & mask & 0xFFFF_FFFF
                winners.count &+= Int(mask & 1)
                if weight >= heavyFloor { winners.heavy.append((index, weight)) }
            }
        }
        winners.profit = Int128(profitHigh) << 32 + Int128(profitLow)
        winners.size = Int128(sizeHigh) << 32 + Int128(sizeLow)
        return winners
    }

    /// A winner's profit, raw; zero for a candidate that is not a winner.
    @inline(__always)
    static func winnerProfit(_ candidate: DeleveragingCandidate, valuation: RoundValuation, side: Side) -> Int64 {
        let gain = valuation.profit(candidate, side: side).raw
        return gain > 0 && valuation.lots(candidate.size) > 0 ? gain : 0
    }

    /// Whether the winners together hold `total` lots, from their total size when that decides it
    /// (each holds between `size / lot − 1` and `size / lot` lots), else from `lots()`.
    static func winnersHold(_ total: Int64, size: Int128, count: Int, lot: Int64, lots: () -> Int128) -> Bool {
        if lot > 0, size >= Int128(lot) * (Int128(total) + Int128(count)) { return true }
        if lot > 0, size < Int128(lot) * Int128(total) { return false }
        return lots() >= Int128(total)
    }

    /// The profit above which a sample puts half again as many winners as the first guess of a
    /// selection keeps (1, keeping every winner, without a sample), and about how many winners that is.
    static func heavyProfit(count: Int, lots: Int64, tuning: SelectionTuning, profit: (Int) -> Int64) -> (Int64, Int) {
        guard count >= tuning.smallestSelection else { return (1, count) }
        let positions = Array(SampledThreshold.positions(count: count, tuning: tuning))
        let sample = positions.map { index -> (key: Int128?, weight: Int64) in
            let weight = profit(index)
            return (Int128(weight), weight > 0 ? 1 : 0)
        }
        let marginPercent = (tuning.marginPercents.first ?? 100) * 3 / 2
        let sampled = SampledThreshold(sample: sample, population: count, need: lots, tuning: tuning)
        guard let position = sampled.threshold(marginPercent: marginPercent) else { return (1, count) }
        // A quarter more than the margin's winners, as a capacity to reserve.
        let expected = Int128(marginPercent) * Int128(lots) * 5 / 400
        return (max(1, profit(positions[position])), Int(min(expected, Int128(count))))
    }
}
