import BackstopCore

/// Splitting a whole number of units in proportion to weights, capped per recipient: the water
/// level shared by pro-rata, min-max and the socialized loss.
enum ProportionalAllocation {
    /// Recipients whose share at the water level would exceed their cap get their cap; the rest share
    /// what is left in proportion to their weights. Returns each recipient's exact share as a
    /// fraction `numerator / denominator` of one unit (the denominator is common), capped ones exact.
    ///
    /// - Parameters:
    ///   - total: units to share (at most the sum of the caps).
    ///   - weights: positive weights.
    ///   - caps: the most each recipient may receive, in units.
    static func waterLevel(total: Int64, weights: [Int64], caps: [Int64]) -> (capped: [Bool], remaining: Int64, weight: Int128) {
        let order = weights.indices.sorted { left, right in
            // Ascending cap per unit of weight: those are the first to hit their cap.
            let lhs = Int128(caps[left]) * Int128(weights[right])
            let rhs = Int128(caps[right]) * Int128(weights[left])
            return lhs != rhs ? lhs < rhs : left < right
        }
        var capped = [Bool](repeating: false, count: weights.count)
        var remaining = Int128(total)
        var weightLeft = weights.reduce(Int128(0)) { $0 + Int128($1) }
        for index in order {
            // Capped when its proportional share of what is left reaches its cap.
            guard weightLeft > 0, Int128(caps[index]) * weightLeft <= remaining * Int128(weights[index]) else { break }
            capped[index] = true
            remaining -= Int128(caps[index])
            weightLeft -= Int128(weights[index])
        }
        return (capped, Int64(remaining), weightLeft)
    }

    /// Pro-rata in whole units: capped recipients get their cap; the others the floor of their share,
    /// then one more unit each in order of largest remainder (ties to the earlier recipient) until the
    /// total is met. The result sums to `total` exactly and never exceeds a cap.
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
}

extension DeleveragingTerms {
    /// The quantity in whole lots.
    var lots: Int64 { quantity.raw / lotSize.raw }

    /// A size in whole lots.
    func lots(_ size: Quantity) -> Int64 { size.raw / lotSize.raw }

    /// Whole lots back to a quantity.
    func quantity(lots: Int64) -> Quantity { Quantity(raw: lots * lotSize.raw) }
}
