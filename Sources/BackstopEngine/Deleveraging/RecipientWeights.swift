/// The weights of the recipients of a proportional split, read by threshold: every recipient whose
/// weight is at least some bound, in index order.
///
/// A round over a million winners usually asks only for the heaviest few thousand, so the weights at
/// or above a floor are collected while the candidates are first read; a question below that floor
/// computes every weight once (and keeps them). Either way the answer is exact and complete.
final class RecipientWeights {
    /// The number of indices (recipients and others).
    let count: Int
    /// The sum of the weights.
    let sum: Int128
    /// The weights at or above `heavyFloor`, in index order.
    private let heavy: [(index: Int, weight: Int64)]
    private let heavyFloor: Int64
    /// An index's weight (zero for an index that receives nothing).
    private let weightOf: (Int) -> Int64
    private var all: [Int64]?

    /// Weights given by `weightOf`, of which those at or above `heavyFloor` are `heavy`.
    init(count: Int, sum: Int128, heavy: [(index: Int, weight: Int64)], heavyFloor: Int64, weightOf: @escaping (Int) -> Int64) {
        self.count = count
        self.sum = sum
        self.heavy = heavy
        self.heavyFloor = heavyFloor
        self.weightOf = weightOf
    }

    /// Every weight given in full.
    convenience init(_ weights: [Int64]) {
        self.init(
            count: weights.count, sum: weights.reduce(Int128(0)) { $0 + Int128($1) }, heavy: [], heavyFloor: .max,
            weightOf: { weights[$0] })
        all = weights
    }

    /// One index's weight.
    func weight(_ index: Int) -> Int64 { all?[index] ?? weightOf(index) }

    /// The recipients whose weight is at least `bound` (at least 1), in index order.
    func atLeast(_ bound: Int64) -> [(index: Int, weight: Int64)] {
        let bound = max(bound, 1)
        if bound >= heavyFloor { return heavy.filter { $0.weight >= bound } }
        let weights = all ?? (0..<count).map(weightOf)
        all = weights
        var found: [(index: Int, weight: Int64)] = []
        weights.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] >= bound { found.append((index, buffer[index])) }
        }
        return found
    }

    /// The least whole weight `w` with `w × numerator ≥ denominator` (`numerator` positive), or `nil`
    /// when no weight reaches it.
    static func bound(_ denominator: Int128, over numerator: Int128) -> Int64? {
        guard denominator > 0 else { return 1 }
        let (quotient, remainder) = denominator.quotientAndRemainder(dividingBy: numerator)
        return Int64(exactly: remainder == 0 ? quotient : quotient + 1)
    }
}
