import BackstopBenchmarkSupport
import BackstopCore
import Benchmark

/// The ADL workload of `backstop bench`: each policy plans one round against `BenchmarkSize.candidates`
/// candidates, and the ADL indicator is refreshed for as many positions. Candidates and venue are
/// built before measuring.
///
/// No peak memory here: its sampling thread allocates as it runs, which would blur allocation counts
/// that are otherwise exact (a queue plan allocates about a dozen times, whatever the number of candidates).
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal]
    let configuration = Benchmark.Configuration(
        metrics: metrics, tags: ["candidates": "\(BenchmarkSize.candidates)"], maxDuration: .seconds(5),
        maxIterations: 50, thresholds: .allocationsOnly(metrics))

    for policy in DeleveragingPolicyName.allCases {
        Benchmark("adl plan \(policy.rawValue)", configuration: configuration) { benchmark, round in
            let plan = policy.policy.plan(round.terms, candidates: round.candidates)
            benchmark.stopMeasurement()
            require(["the plan closes exactly the quantity": round.holds(plan, of: policy)])
        } setup: {
            DeleveragingRound(candidates: BenchmarkSize.candidates)
        }
    }

    let venue = IndicatorVenue(positions: BenchmarkSize.candidates)
    Benchmark("adl indicator refresh", configuration: configuration) { benchmark in
        let indicators = venue.engine.deleveragingIndicators("BTCUSDT")
        benchmark.stopMeasurement()
        require(["every open position has an indicator": indicators.count == venue.openTraders])
    } setup: {
        venue.open()
    }
}
