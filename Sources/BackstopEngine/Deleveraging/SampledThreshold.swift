import HeapModule

/// How the deleveraging selections guess the region worth computing exactly. It changes how much
/// work a selection does, never its answer: every guess is checked, and when a guess keeps too little
/// the selection tries a lower one, and finally computes everyone exactly.
struct SelectionTuning: Sendable {
    /// Candidates sampled, evenly spaced, to guess a threshold.
    var sampleSize = 8_192
    /// The fewest sampled candidates a guessed threshold keeps.
    var minimumKept = 12
    /// Below this many candidates everyone is computed exactly, without guessing.
    var smallestSelection = 4_096
    /// How many times what is needed each successive guess aims to keep.
    var margins: [Double] = [2, 16, 128]

    /// The tuning the policies use.
    static let standard = SelectionTuning()
}

/// Thresholds guessed from an evenly spaced sample of a population.
struct SampledThreshold {
    /// Each sampled item's key (higher is kept first) and weight.
    let sample: [(key: Double, weight: Double)]
    /// How many items the sample stands for.
    let population: Int
    /// The weight a selection must keep.
    let need: Double
    /// The fewest sampled items a threshold keeps.
    let minimumKept: Int

    /// A sample of `population` items, for a selection that must keep `need`.
    init(sample: [(key: Double, weight: Double)], population: Int, need: Double, tuning: SelectionTuning) {
        self.sample = sample
        self.population = population
        self.need = need
        minimumKept = tuning.minimumKept
    }

    /// The positions of an evenly spaced sample of `count` items.
    static func positions(count: Int, tuning: SelectionTuning) -> StrideTo<Int> {
        stride(from: 0, to: count, by: max(1, count / max(1, tuning.sampleSize)))
    }

    /// The position in the sample of the key such that the sampled items at or above it, scaled up to
    /// the population, weigh about `margin × need` and number at least `minimumKept`; `nil` when the
    /// sample holds too little, or when that key is infinite (an item computed exactly anyway).
    func threshold(margin: Double) -> Int? {
        guard !sample.isEmpty else { return nil }
        let scale = Double(population) / Double(sample.count)
        let goal = margin * need
        // The fewest best items that reach the goal, kept in a heap whose least item leaves while
        // the others still reach it.
        var best = Heap<Item>()
        var kept = 0.0
        for (position, item) in sample.enumerated() {
            if best.count >= minimumKept, kept >= goal, let least = best.min, !(item.key > least.key) { continue }
            best.insert(Item(key: item.key, position: position))
            kept += item.weight * scale
            while best.count > minimumKept, let least = best.min, kept - sample[least.position].weight * scale >= goal {
                kept -= sample[least.position].weight * scale
                best.removeMin()
            }
        }
        guard best.count >= minimumKept, kept >= goal, let least = best.min, least.key.isFinite else { return nil }
        return least.position
    }

    /// The thresholds for successive margins, each below the one before (a repeat is skipped),
    /// each computed only when the one before was not enough.
    func thresholds(margins: [Double]) -> Guesses { Guesses(sampled: self, margins: margins.makeIterator()) }

    /// Successive thresholds, as positions in the sample.
    struct Guesses: Sequence, IteratorProtocol {
        let sampled: SampledThreshold
        var margins: IndexingIterator<[Double]>
        var last = Double.infinity

        mutating func next() -> Int? {
            while let margin = margins.next() {
                guard let position = sampled.threshold(margin: margin), sampled.sample[position].key < last else { continue }
                last = sampled.sample[position].key
                return position
            }
            return nil
        }
    }

    /// A sampled item by key (then by position, so that the order is total).
    private struct Item: Comparable {
        var key: Double
        var position: Int

        static func < (lhs: Self, rhs: Self) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.position > rhs.position
        }
    }
}
