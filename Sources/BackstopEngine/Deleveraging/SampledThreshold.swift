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
    /// How many times what is needed each successive guess aims to keep, in percent.
    var marginPercents = [200, 1_600, 12_800]

    /// The tuning the policies use.
    static let standard = SelectionTuning()
}

/// Thresholds guessed from an evenly spaced sample of a population, in integers.
struct SampledThreshold {
    /// Each sampled item's key (higher is kept first; `nil` for an item that is never kept) and
    /// weight (not negative).
    let sample: [(key: Int128?, weight: Int64)]
    /// How many items the sample stands for.
    let population: Int
    /// The weight a selection must keep.
    let need: Int64
    /// The fewest sampled items a threshold keeps.
    let minimumKept: Int

    /// A sample of `population` items, for a selection that must keep `need`.
    init(sample: [(key: Int128?, weight: Int64)], population: Int, need: Int64, tuning: SelectionTuning) {
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
    /// the population, weigh about `marginPercent / 100 × need` and number at least `minimumKept`;
    /// `nil` when the sample holds too little.
    ///
    /// Scaled up means `kept × population / sampled`; the comparison with the goal is made with both
    /// sides multiplied by `100 × sampled`, in 128 bits: at most `2¹³` sampled weights below `2⁶³`
    /// times a population below `2³¹` times 100, and a margin below `2²⁰` times the need and `2¹³`.
    func threshold(marginPercent: Int) -> Int? {
        guard !sample.isEmpty else { return nil }
        let scale = Int128(population) * 100
        let goal = Int128(marginPercent) * Int128(need) * Int128(sample.count)
        // The fewest best items that reach the goal, kept in a heap whose least item leaves while
        // the others still reach it.
        var best = Heap<Item>()
        var kept = Int128(0)
        for (position, item) in sample.enumerated() {
            guard let key = item.key else { continue }
            if best.count >= minimumKept, kept >= goal, let least = best.min, !(key > least.key) { continue }
            best.insert(Item(key: key, position: position))
            kept += Int128(item.weight) * scale
            while best.count > minimumKept, let least = best.min,
                  kept - Int128(sample[least.position].weight) * scale >= goal
            {
                kept -= Int128(sample[least.position].weight) * scale
                best.removeMin()
            }
        }
        guard best.count >= minimumKept, kept >= goal, let least = best.min else { return nil }
        return least.position
    }

    /// The thresholds for successive margins, each below the one before (a repeat is skipped),
    /// each computed only when the one before was not enough.
    func thresholds(marginPercents: [Int]) -> Guesses {
        Guesses(sampled: self, marginPercents: marginPercents.makeIterator())
    }

    /// Successive thresholds, as positions in the sample (each with a key).
    struct Guesses: Sequence, IteratorProtocol {
        let sampled: SampledThreshold
        var marginPercents: IndexingIterator<[Int]>
        var last: Int128?

        mutating func next() -> Int? {
            while let margin = marginPercents.next() {
                guard let position = sampled.threshold(marginPercent: margin), let key = sampled.sample[position].key,
                      last.map({ key < $0 }) ?? true
                else { continue }
                last = key
                return position
            }
            return nil
        }
    }

    /// A sampled item by key (then by position, so that the order is total).
    private struct Item: Comparable {
        var key: Int128
        var position: Int

        static func < (lhs: Self, rhs: Self) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.position > rhs.position
        }
    }
}
