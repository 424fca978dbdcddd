import Benchmark

extension Dictionary where Key == BenchmarkMetric, Value == BenchmarkThresholds {
    /// Thresholds for `metrics` that hold the allocation count alone, to `percent` at the median: a
    /// seeded workload repeats it run after run. Times and memory on a shared machine vary too much to
    /// fail a check, so they are reported and compared only.
    public static func allocationsOnly(_ metrics: [BenchmarkMetric], percent: Double = 1) -> Self {
        Dictionary(uniqueKeysWithValues: metrics.map { metric in
            (metric, metric == .mallocCountTotal ? BenchmarkThresholds(relative: [.p50: percent]) : .none)
        })
    }
}
