import BackstopCore

/// Medians of prices, as index and mark prices need them.
enum PriceMedian {
    /// The median; for an even count, the mean of the two middle values rounded half-even.
    ///
    /// - Precondition: `prices` is not empty.
    static func of(_ prices: [Price]) -> Price {
        precondition(!prices.isEmpty, "median of nothing")
        let sorted = prices.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        let sum = Int128(sorted[middle - 1].raw) + Int128(sorted[middle].raw)
        return Price(raw: FixedPointMath.narrow(FixedPointMath.divide(sum, by: 2, rounding: .halfEven), "median"))
    }

    /// The index: the median of the sources, recomputed without those further than `limit` from it.
    static func index(of sources: [Price], deviationLimit limit: Rate) -> Price {
        let median = of(sources)
        let near = sources.filter { $0.relativeChange(from: median, rounding: .towardZero).magnitude <= limit }
        return near.isEmpty ? median : of(near)
    }
}
