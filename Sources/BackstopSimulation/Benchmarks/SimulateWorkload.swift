import BackstopCore
import BackstopEngine
import Foundation

/// The default scenario end to end: every policy, both cores.
public enum SimulateWorkload {
    public static func run() throws -> BenchmarkResult {
        let scenario = try ScenarioLoader.load(BuiltInScenarios.defaultName)
        let started = ContinuousClock.now
        let simulation = Simulation(scenario)
        let elapsed = ContinuousClock.now - started
        let commands = scenario.policies.map { CommandStream(scenario, policy: $0).commands.count }.reduce(0, +)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return BenchmarkResult(
            workload: "simulate",
            figures: [
                BenchmarkFigure(name: "\(scenario.name), \(scenario.policies.count) policies", value: seconds, unit: "s", target: 60, higherIsBetter: false),
                BenchmarkFigure(name: "commands through the engine", value: Double(commands), unit: "commands", target: nil, higherIsBetter: true),
                BenchmarkFigure(name: "throughput", value: Double(commands) / seconds, unit: "commands/s", target: nil, higherIsBetter: true),
            ],
            checks: [
                "every run ended with its invariants holding": simulation.outcomes.count == scenario.policies.count
                    && simulation.outcomes.allSatisfy(\.metrics.invariantsHeld),
            ])
    }
}
