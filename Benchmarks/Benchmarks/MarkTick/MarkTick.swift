import BackstopBenchmarkSupport
import Benchmark

/// The mark-tick workload of `backstop bench`: an iteration is a thousand index moves over
/// `BenchmarkSize.positions` open positions, so times and allocations read per tick. The venue is
/// built before measuring; the 100x positions are liquidated during the warm-up.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]
    let venue = TickingVenue(positions: BenchmarkSize.positions)
    Benchmark(
        "mark-tick",
        configuration: .init(
            metrics: metrics, tags: ["positions": "\(BenchmarkSize.positions)"], scalingFactor: .kilo,
            maxDuration: .seconds(5), maxIterations: 1_000, thresholds: .allocationsOnly(metrics))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(venue.step())
        }
    } setup: {
        venue.open()
    } teardown: {
        // The checks rescan every account, so they run once, after the last tick.
        require(venue.checks)
    }
}
