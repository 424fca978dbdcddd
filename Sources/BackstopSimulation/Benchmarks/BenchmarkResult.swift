/// One measured figure next to the target it is held to.
public struct BenchmarkFigure: Sendable, Encodable {
    /// What was measured.
    public var name: String
    /// The value, in `unit`.
    public var value: Double
    public var unit: String
    /// The target, in the same unit, if there is one.
    public var target: Double?
    /// True when a higher value is better (throughput), false when lower is (latency, memory).
    public var higherIsBetter: Bool

    /// Whether the figure meets its target (true without one).
    public var meetsTarget: Bool {
        guard let target else { return true }
        return higherIsBetter ? value >= target : value <= target
    }
}

/// A workload's figures and the checks that its answers were right.
public struct BenchmarkResult: Sendable, Encodable {
    public var workload: String
    public var figures: [BenchmarkFigure]
    /// What was checked so that a fast wrong answer cannot pass, and whether it held.
    public var checks: [String: Bool]
}

/// Latency statistics from per-operation samples in nanoseconds.
struct LatencySamples {
    private(set) var nanoseconds: [Int64] = []

    mutating func record(_ duration: Duration) {
        nanoseconds.append(duration.nanoseconds)
    }

    /// The median of an empty timed interval: what each sample adds by reading the clock.
    static func timerOverhead() -> Double {
        var samples = LatencySamples()
        for _ in 0..<100_000 {
            let started = ContinuousClock.now
            samples.record(ContinuousClock.now - started)
        }
        return samples.percentile(0.5)
    }

    var count: Int { nanoseconds.count }
    var total: Int64 { nanoseconds.reduce(0, +) }

    func percentile(_ share: Double) -> Double {
        guard !nanoseconds.isEmpty else { return 0 }
        let sorted = nanoseconds.sorted()
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * share))])
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }

    /// The duration in seconds.
    var seconds: Double { Double(nanoseconds) / 1e9 }
}
