import BackstopBenchmarkSupport
import BackstopSimulation
import Benchmark

/// The simulate workload of `backstop bench`: the default scenario end to end, every policy on its
/// own engine, in parallel. An iteration is one simulation; the scenario is loaded before measuring.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]
    Benchmark(
        "simulate \(BuiltInScenarios.defaultName)",
        configuration: .init(
            metrics: metrics, maxDuration: .seconds(10), maxIterations: 20, thresholds: .allocationsOnly(metrics))
    ) { benchmark, scenario in
        let simulation = Simulation(scenario)
        benchmark.stopMeasurement()
        require([
            "every run ended with its invariants holding": simulation.outcomes.count == scenario.policies.count
                && simulation.outcomes.allSatisfy(\.metrics.invariantsHeld),
        ])
    } setup: {
        try ScenarioLoader.load(BuiltInScenarios.defaultName)
    }
}
