/// Measures of how unevenly a loss is spread. Floating point is fine here: these are reports, never
/// balances.
public enum Inequality {
    /// The Gini coefficient of non-negative values: 0 when all are equal, approaching 1 when one
    /// value holds everything. 0 for an empty list or all zeros.
    public static func gini(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let total = sorted.reduce(0, +)
        guard sorted.count > 1, total > 0 else { return 0 }
        var weighted = 0.0
        for (index, value) in sorted.enumerated() {
            weighted += Double(index + 1) * value
        }
        let count = Double(sorted.count)
        return (2 * weighted) / (count * total) - (count + 1) / count
    }
}
