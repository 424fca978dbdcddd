import BackstopCore
import HeapModule

extension WeightedLots {
    /// Min-max: the caps, the floors, then the `leftover` lots one at a time to the recipient whose
    /// `lots / weight` after the lot is smallest (ties to the lower index). Lots by index, in index order.
    func minMaxLots(tuning: SelectionTuning) -> [(index: Int, lots: Int64)] {
        guard leftover > 0 else { return merged([]) }
        if weights.count >= tuning.smallestSelection {
            let positions = Array(SampledThreshold.positions(count: weights.count, tuning: tuning))
            var cursor = 0
            // The smaller the next fraction, the higher the key: its negation, in fixed point with 64
            // bits (a guess's order only, so the truncation does not matter).
            let sample = positions.map { index -> (key: Int128?, weight: Int64) in
                let weight = weights.weight(index)
                guard weight > 0, !isCapped(index, cursor: &cursor) else { return (nil, 0) }
                let lots = share(of: weight).lots
                guard lots < 1 || lots < cap(index) else { return (nil, 0) }
                return (-((Int128(lots) + 1) << 64) / Int128(weight), 1)
            }
            let sampled = SampledThreshold(sample: sample, population: weights.count, need: leftover, tuning: tuning)
            for position in sampled.thresholds(marginPercents: tuning.marginPercents) {
                let weight = weights.weight(positions[position])
                let kept = nextLots(atMost: (share(of: weight).lots + 1, weight))
                if kept.count >= leftover { return merged(smallestNext(kept)) }
            }
        }
        return merged(smallestNext(nextLots(atMost: nil)))
    }

    /// The `leftover` lots one at a time to the smallest next fraction among `kept` (ties to the
    /// lower index), as lots added by index, in index order.
    private func smallestNext(_ kept: [(index: Int, lots: Int64, weight: Int64, cap: Int64)]) -> [(index: Int, lots: Int64)] {
        var next = Heap(kept.indices.map { NextLot(lots: kept[$0].lots + 1, weight: kept[$0].weight, index: $0) })
        var extra = [Int64](repeating: 0, count: kept.count)
        var given: Int64 = 0
        while given < leftover, let smallest = next.popMin() {
            extra[smallest.index] += 1
            given += 1
            if smallest.lots < kept[smallest.index].cap {
                next.insert(NextLot(lots: smallest.lots + 1, weight: smallest.weight, index: smallest.index))
            }
        }
        return kept.indices.filter { extra[$0] > 0 }.map { (kept[$0].index, extra[$0]) }
    }

    /// The recipients below their cap whose next fraction `(lots + 1) / weight` is at most
    /// `threshold` (all of them without one). The fraction is at least `1 / weight`, which skips most.
    private func nextLots(atMost threshold: (lots: Int64, weight: Int64)?) -> [(index: Int, lots: Int64, weight: Int64, cap: Int64)] {
        var bound: Int64 = 1
        if let threshold {
            guard let least = RecipientWeights.bound(Int128(threshold.weight), over: Int128(threshold.lots)) else { return [] }
            bound = least
        }
        var kept: [(index: Int, lots: Int64, weight: Int64, cap: Int64)] = []
        var cursor = 0
        for recipient in weights.atLeast(bound) where !isCapped(recipient.index, cursor: &cursor) {
            let lots = share(of: recipient.weight).lots
            if let threshold,
               Int128(lots + 1) * Int128(threshold.weight) > Int128(threshold.lots) * Int128(recipient.weight)
            {
                continue
            }
            let cap = cap(recipient.index)
            if lots < cap { kept.append((recipient.index, lots, recipient.weight, cap)) }
        }
        return kept
    }
}

/// A recipient's next lot, ordered by the fraction `lots / weight` it would reach (ties to the
/// lower index).
struct NextLot: Comparable {
    var lots: Int64
    var weight: Int64
    var index: Int

    static func < (lhs: Self, rhs: Self) -> Bool {
        let left = Int128(lhs.lots) * Int128(rhs.weight)
        let right = Int128(rhs.lots) * Int128(lhs.weight)
        return left != right ? left < right : lhs.index < rhs.index
    }
}
