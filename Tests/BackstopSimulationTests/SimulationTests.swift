import BackstopCore
import BackstopEngine
@testable import BackstopSimulation
import Foundation
import Testing

/// Whole runs of the built-in scenarios through the engine.
@Suite struct SimulationTests {
    static let cascade = Simulation(try! ScenarioLoader.load("cascade"))

    @Test func theSameScenarioGivesByteIdenticalSummaries() throws {
        var scenario = try ScenarioLoader.load("short-squeeze")
        scenario.policies = [.queueBinance, .proRata, .socializedLoss]
        let first = try SummaryFile.data(Simulation(scenario))
        let second = try SummaryFile.data(Simulation(scenario))
        #expect(first == second)
        scenario.seed += 1
        #expect(try SummaryFile.data(Simulation(scenario)) != first)
    }

    /// The point of the comparison: a queue takes much of a few winners' profit, pro-rata a little of
    /// everyone's, min-max never more than pro-rata, and every closing policy closes the same notional.
    @Test func onTheCascadeQueuesConcentrateAndProRataSpreads() throws {
        let metrics = Dictionary(uniqueKeysWithValues: Self.cascade.outcomes.map { ($0.policy, $0.metrics) })
        let proRata = try #require(metrics[.proRata])
        let minMax = try #require(metrics[.minMax])
        for queue in [DeleveragingPolicyName.queueBitmex, .queueBinance, .queueHyperliquid, .queueWhitebit] {
            let metric = try #require(metrics[queue])
            #expect(metric.largestHaircutFraction.raw > 5 * proRata.largestHaircutFraction.raw, "\(queue)")
            #expect(metric.winnersTouchedShare < proRata.winnersTouchedShare)
            // The same contracts at the same prices, rounded per fill: equal to within a raw unit a fill.
            #expect((metric.deleveragedNotional - proRata.deleveragedNotional).raw.magnitude < 1_000)
        }
        #expect(minMax.largestHaircutFraction <= proRata.largestHaircutFraction)
        #expect(metrics[.socializedLoss]?.deleveragedNotional == .zero)
        for outcome in Self.cascade.outcomes {
            #expect(outcome.metrics.invariantsHeld)
            #expect(outcome.metrics.liquidations > 100)
            #expect(outcome.fundEquity.count == Self.cascade.stepTimes.count)
        }
    }

    @Test func theReportHasEveryChartAndTheSummarysNumbers() throws {
        let html = HTMLReport.render(Self.cascade)
        for chart in ["chart-prices", "chart-fund", "chart-adl", "chart-lorenz", "comparison", "hardest-hit"] {
            #expect(html.contains("id=\"\(chart)\""), "\(chart) is missing")
        }
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        let summary = try JSONSerialization.jsonObject(with: SummaryFile.data(Self.cascade)) as? [String: Any]
        let policies = try #require(summary?["policies"] as? [[String: Any]])
        for policy in policies {
            let name = try #require(policy["policy"] as? String)
            let haircut = try #require(policy["haircut"] as? String)
            let rounds = try #require(policy["deleveragingRounds"] as? Int)
            #expect(html.contains("<tr data-policy=\"\(name)\">"))
            let row = html.components(separatedBy: "<tr data-policy=\"\(name)\">")[1].components(separatedBy: "</tr>")[0]
            #expect(row.contains("data-field=\"haircut\" data-value=\"\(haircut)\""))
            #expect(row.contains("data-field=\"deleveragingRounds\" data-value=\"\(rounds)\""))
        }
    }

    @Test func accountsCSVHasOneRowPerAccountAndPolicy() {
        let lines = AccountsFile.text(Self.cascade).split(separator: "\n")
        let expected = Self.cascade.outcomes.reduce(0) { $0 + $1.accounts.count }
        #expect(lines.first == "policy,account,rounds,closed,haircut,profit,haircut_fraction,horizon_cost")
        #expect(lines.count == expected + 1)
    }
}
