import BackstopCore

/// Whole lots shared in proportion to weights among up to millions of recipients, with exact work
/// only for the few recipients a share can reach: the lots that
/// ``ProportionalAllocation/largestRemainder(total:weights:caps:)`` gives, or min-max's greedy (the
/// floors, then each leftover lot to the smallest next `lots / weight`), for the recipients taken in
/// index order.
///
/// A round that needs 10,000 lots from a million winners gives most of them nothing: their share is
/// below one lot, and only the largest remainders (or the smallest next fractions) get a lot. So every
/// question is asked of the recipients whose weight reaches an exact integer bound below which the
/// answer is known (``RecipientWeights/atLeast(_:)``), which can only keep too many, never too few,
/// and each kept recipient is then treated exactly as the full algorithms treat it:
///
/// - **Water level.** The full algorithm caps recipients in ascending `cap / weight` while that ratio
///   is at most the level `remaining / weightLeft`, and the level only rises. Here the recipients at
///   or below a trial level are found, the same greedy runs on them alone, and if it caps them all and
///   the level rose past the trial one, the trial level is raised and the search repeated; otherwise
///   the recipients the greedy stopped at or never reached rank after every capped one in the full
///   order too, so the capped set is the same.
/// - **Floors.** A share `⌊remaining × weight / weightLeft⌋` is at least one lot only when
///   `remaining × weight ≥ weightLeft`; all others are zero.
/// - **Leftover lots.** A threshold is guessed from a sample; the recipients at or beyond it are
///   found exactly, and if they are at least as many as the leftover lots, the full order's first
///   ones are all among them (every other recipient ranks after every kept one). Otherwise a lower
///   threshold is tried, and finally every recipient is ranked.
struct WeightedLots {
    /// The recipients' weights.
    let weights: RecipientWeights
    /// Lots to share.
    let total: Int64
    /// A recipient's cap, at least one lot.
    let cap: (Int) -> Int64
    /// Recipients given their whole cap, in index order.
    private(set) var capped: [(index: Int, lots: Int64)] = []
    /// Lots left to share among the others at the water level.
    private(set) var remaining: Int128
    /// The others' weight.
    private(set) var weightLeft: Int128
    /// The others whose share is at least one lot, with that share, in index order.
    private(set) var floors: [(index: Int, lots: Int64)] = []
    /// Lots left after the caps and floors, for the remainders or the next fractions.
    private(set) var leftover: Int64

    /// Shares `total` lots among the recipients of `weights`.
    init(weights: RecipientWeights, total: Int64, cap: @escaping (Int) -> Int64) {
        precondition(weights.count < 1 << 31, "too many recipients")
        self.weights = weights
        self.total = total
        self.cap = cap
        remaining = Int128(total)
        weightLeft = weights.sum
        leftover = total
        findWaterLevel(weightSum: weights.sum)
        findFloors()
    }

    // MARK: The level

    private mutating func findWaterLevel(weightSum: Int128) {
        var trial = (remaining: Int128(total), weight: weightSum)
        while true {
            var reached = reachingCaps(atLevel: trial)
            reached.sort { left, right in
                let lhs = Int128(left.cap) * Int128(right.weight)
                let rhs = Int128(right.cap) * Int128(left.weight)
                return lhs != rhs ? lhs < rhs : left.index < right.index
            }
            capped = []
            remaining = Int128(total)
            weightLeft = weightSum
            var stopped = false
            for recipient in reached {
                let weight = Int128(recipient.weight)
                guard weightLeft > 0, Int128(recipient.cap) * weightLeft <= remaining * weight else {
                    stopped = true
                    break
                }
                capped.append((recipient.index, recipient.cap))
                remaining -= Int128(recipient.cap)
                weightLeft -= weight
            }
            capped.sort { $0.index < $1.index }
            // Every recipient not reached has `cap / weight` above the trial level, so it stops the
            // greedy unless the level rose above the trial one.
            if stopped || weightLeft <= 0 || remaining * trial.weight <= trial.remaining * weightLeft { return }
            trial = (remaining, weightLeft)
        }
    }

    /// The recipients whose cap is at most their share at `level` (`cap × weight ≤ remaining × w`):
    /// since a cap is at least one lot, only those with `remaining × w ≥ weight` can be.
    private func reachingCaps(atLevel level: (remaining: Int128, weight: Int128)) -> [(index: Int, weight: Int64, cap: Int64)] {
        guard level.weight > 0, level.remaining > 0,
              let bound = RecipientWeights.bound(level.weight, over: level.remaining)
        else { return [] }
        return weights.atLeast(bound).compactMap { recipient in
            let cap = cap(recipient.index)
            return Int128(cap) * level.weight <= level.remaining * Int128(recipient.weight)
                ? (recipient.index, recipient.weight, cap) : nil
        }
    }

    /// The floors of at least one lot (`remaining × w ≥ weightLeft`), and what is left over after
    /// them and the caps.
    private mutating func findFloors() {
        let given = capped.reduce(Int128(0)) { $0 + Int128($1.lots) }
        var floored = Int128(0)
        if weightLeft > 0, remaining > 0, let bound = RecipientWeights.bound(weightLeft, over: remaining) {
            var cursor = 0
            for recipient in weights.atLeast(bound) where !isCapped(recipient.index, cursor: &cursor) {
                let share = remaining * Int128(recipient.weight) / weightLeft
                floors.append((recipient.index, Int64(share)))
                floored += share
            }
        }
        leftover = Int64(Int128(total) - given - floored)
    }

    /// Whether `index` is capped, for indices asked in increasing order with the same cursor.
    func isCapped(_ index: Int, cursor: inout Int) -> Bool {
        while cursor < capped.count, capped[cursor].index < index { cursor += 1 }
        return cursor < capped.count && capped[cursor].index == index
    }

    /// A recipient's floor share and the remainder `remaining × weight − share × weightLeft`.
    func share(of weight: Int64) -> (lots: Int64, remainder: Int128) {
        guard weightLeft > 0 else { return (0, 0) }
        let product = remaining * Int128(weight)
        guard product >= weightLeft || product < 0 else { return (0, product) }
        let (share, remainder) = product.quotientAndRemainder(dividingBy: weightLeft)
        return (Int64(share), remainder)
    }

    // MARK: Assembly

    /// The caps, the floors and `extra` lots (each in index order) together, by index in index order.
    func merged(_ extra: [(index: Int, lots: Int64)]) -> [(index: Int, lots: Int64)] {
        Self.sum(Self.sum(capped, floors), extra)
    }

    /// Two lists of lots by index, each in index order, as one, adding the lots of an index in both.
    private static func sum(_ first: [(index: Int, lots: Int64)], _ second: [(index: Int, lots: Int64)]) -> [(index: Int, lots: Int64)] {
        guard !first.isEmpty else { return second }
        guard !second.isEmpty else { return first }
        var result: [(index: Int, lots: Int64)] = []
        result.reserveCapacity(first.count + second.count)
        var (left, right) = (0, 0)
        while left < first.count || right < second.count {
            if right == second.count || (left < first.count && first[left].index < second[right].index) {
                result.append(first[left])
                left += 1
            } else if left == first.count || second[right].index < first[left].index {
                result.append(second[right])
                right += 1
            } else {
                result.append((first[left].index, first[left].lots + second[right].lots))
                left += 1
                right += 1
            }
        }
        return result
    }
}
