import Benchmark

/// The orderflow workload's per-command figures, by their names in its result, as custom metrics.
enum OrderFlowFigure: String, CaseIterable {
    case throughput
    case median = "median per command"
    case p99 = "p99 per command"

    var metric: BenchmarkMetric {
        switch self {
        case .throughput: .custom("Commands / s (apply only)", polarity: .prefersLarger, useScalingFactor: false)
        case .median: .custom("Median per command (ns)", useScalingFactor: false)
        case .p99: .custom("p99 per command (ns)", useScalingFactor: false)
        }
    }
}
