import BackstopCore
import BackstopEngine
import Foundation
import Synchronization

/// Runs a scenario once per policy on the same inputs, in parallel, and gathers the outcomes.
public struct Simulation: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// The outcomes, in the scenario's policy order.
    public private(set) var outcomes: [PolicyOutcome] = []
    /// The index path of each market, per step (the same in every run).
    public private(set) var indexSeries: [[Price]] = []
    /// The step times, in milliseconds.
    public private(set) var stepTimes: [Timestamp] = []
    /// Each market's index at the horizon.
    public private(set) var horizonPrices: [Price] = []

    /// Runs every policy of the scenario; `progress` receives the overall share done (0 to 1), from
    /// any thread.
    public init(_ scenario: Scenario, progress: @Sendable (Double) -> Void = { _ in }) {
        self.scenario = scenario
        let policies = scenario.policies
        let streams = policies.map { CommandStream(scenario, policy: $0) }
        let results = Mutex([PolicyOutcome?](repeating: nil, count: policies.count))
        let shares = Mutex([Double](repeating: 0, count: policies.count))
        DispatchQueue.concurrentPerform(iterations: policies.count) { index in
            let outcome = PolicyRun(scenario: scenario, stream: streams[index], policy: policies[index]).run { share in
                let total = shares.withLock { shares in
                    shares[index] = share
                    return shares.reduce(0, +) / Double(shares.count)
                }
                progress(total)
            }
            results.withLock { $0[index] = outcome }
        }
        outcomes = results.withLock { $0.compactMap { $0 } }
        if let first = streams.first {
            indexSeries = first.indexSeries
            stepTimes = first.stepTimes
            horizonPrices = first.horizonPrices
        }
    }
}
