import BackstopBenchmarkSupport
import BackstopSimulation
import Benchmark

/// The orderflow workload of `backstop bench`: an iteration is one whole run of
/// `BenchmarkSize.commands` commands, set-up, command generation and bookkeeping included. The
/// per-command figures are the workload's own, timed around `Engine.apply` alone.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident] + OrderFlowFigure.allCases.map(\.metric)
    Benchmark(
        "orderflow",
        configuration: .init(
            metrics: metrics, tags: ["commands": "\(BenchmarkSize.commands)"], maxDuration: .seconds(10),
            maxIterations: 10, thresholds: .allocationsOnly(metrics))
    ) { benchmark in
        let result = OrderFlowWorkload.run(commands: BenchmarkSize.commands)
        benchmark.stopMeasurement()
        require(result.checks)
        for figure in OrderFlowFigure.allCases {
            guard let value = result.figures.first(where: { $0.name == figure.rawValue })?.value else {
                fatalError("the orderflow workload no longer reports \"\(figure.rawValue)\"")
            }
            benchmark.measurement(figure.metric, Int(value.rounded()))
        }
    }
}
