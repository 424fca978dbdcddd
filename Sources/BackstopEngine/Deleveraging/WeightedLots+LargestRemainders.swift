import BackstopCore

extension WeightedLots {
    /// Pro-rata: the caps, the floors, and one more lot for each of the `leftover` largest remainders
    /// among recipients below their cap (ties to the lower index). Lots by index, in index order.
    func largestRemainderLots(tuning: SelectionTuning) -> [(index: Int, lots: Int64)] {
        guard leftover > 0, weightLeft > 0 else { return merged([]) }
        if weights.count >= tuning.smallestSelection {
            let positions = Array(SampledThreshold.positions(count: weights.count, tuning: tuning))
            var cursor = 0
            let sample = positions.map { index -> (key: Int128?, weight: Int64) in
                let weight = weights.weight(index)
                guard weight > 0, !isCapped(index, cursor: &cursor) else { return (nil, 0) }
                let share = share(of: weight)
                guard share.lots < 1 || share.lots < cap(index) else { return (nil, 0) }
                return (share.remainder, 1)
            }
            let sampled = SampledThreshold(sample: sample, population: weights.count, need: leftover, tuning: tuning)
            for position in sampled.thresholds(marginPercents: tuning.marginPercents) {
                let kept = remainders(atLeast: share(of: weights.weight(positions[position])).remainder)
                if kept.count >= leftover { return merged(largest(kept)) }
            }
        }
        return merged(largest(remainders(atLeast: nil)))
    }

    /// One more lot for each of the `leftover` largest remainders (ties to the lower index), in index
    /// order.
    private func largest(_ kept: [(index: Int, remainder: Int128)]) -> [(index: Int, lots: Int64)] {
        guard kept.count > leftover else { return kept.map { ($0.index, 1) } }
        // Larger remainder first, then the lower index, in one key: remainders are below 2⁹⁵.
        let keys = kept.map { ($0.remainder << 32) | (0xFFFF_FFFF - Int128($0.index)) }
        let cut = Self.largest(Int(leftover), of: keys)
        return kept.indices.filter { keys[$0] >= cut }.map { (kept[$0].index, 1) }
    }

    /// The `rank`-th largest of distinct `values` (1 for the largest), by selection, not sorting.
    static func largest(_ rank: Int, of values: [Int128]) -> Int128 {
        var values = values
        var low = 0
        var high = values.count - 1
        let target = rank - 1
        while low < high {
            let pivot = Swift.max(
                Swift.min(values[low], values[high]),
                Swift.min(Swift.max(values[low], values[high]), values[(low + high) / 2]))
            var left = low
            var right = high
            while left <= right {
                while values[left] > pivot { left += 1 }
                while values[right] < pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if target <= right {
                high = right
            } else if target >= left {
                low = left
            } else {
                return values[target]
            }
        }
        return values[target]
    }

    /// The recipients below their cap whose remainder is `threshold` or more (all of them without a
    /// threshold). A remainder is at most `remaining × weight`, which skips most recipients.
    private func remainders(atLeast threshold: Int128?) -> [(index: Int, remainder: Int128)] {
        var bound: Int64 = 1
        if let threshold, threshold > 0 {
            guard let least = RecipientWeights.bound(threshold, over: remaining) else { return [] }
            bound = least
        }
        var kept: [(index: Int, remainder: Int128)] = []
        var cursor = 0
        for recipient in weights.atLeast(bound) where !isCapped(recipient.index, cursor: &cursor) {
            let share = share(of: recipient.weight)
            guard share.remainder >= threshold ?? share.remainder, share.lots < 1 || share.lots < cap(recipient.index) else { continue }
            kept.append((recipient.index, share.remainder))
        }
        return kept
    }
}
