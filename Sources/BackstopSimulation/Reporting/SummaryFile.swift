import BackstopCore
import Foundation

/// `summary.json`: the scenario and every policy's figures, byte for byte the same for the same
/// scenario and seed (wall times are left out).
enum SummaryFile {
    struct Contents: Encodable {
        struct ScenarioInfo: Encodable {
            var name: String
            var description: String
            var seed: UInt64
            var durationSeconds: Int64
            var horizonSeconds: Int64
        }

        struct MarketInfo: Encodable {
            var symbol: String
            var startPrice: Price
            var lowestIndex: Price
            var endIndex: Price
            var horizonPrice: Price
        }

        var scenario: ScenarioInfo
        var markets: [MarketInfo]
        var policies: [PolicyMetrics]
    }

    static func contents(_ simulation: Simulation) -> Contents {
        let scenario = simulation.scenario
        return Contents(
            scenario: .init(
                name: scenario.name, description: scenario.description, seed: scenario.seed,
                durationSeconds: scenario.durationSeconds, horizonSeconds: scenario.horizonSeconds),
            markets: scenario.markets.indices.map { index in
                let series = simulation.indexSeries[index]
                return .init(
                    symbol: scenario.markets[index].spec.symbol, startPrice: scenario.markets[index].startPrice,
                    lowestIndex: series.min() ?? .zero, endIndex: series.last ?? .zero,
                    horizonPrice: simulation.horizonPrices[index])
            },
            policies: simulation.outcomes.map(\.metrics))
    }

    static func data(_ simulation: Simulation) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(contents(simulation))
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

/// `accounts.csv`: every account auto-deleveraging touched, per policy.
enum AccountsFile {
    static func text(_ simulation: Simulation) -> String {
        var text = "policy,account,rounds,closed,haircut,profit,haircut_fraction,horizon_cost\n"
        for outcome in simulation.outcomes {
            for account in outcome.accounts {
                text += "\(outcome.policy.rawValue),\(account.account),\(account.rounds),\(account.closed),\(account.haircut),"
                    + "\(account.profit),\(account.haircutFraction.map(\.description) ?? ""),\(account.horizonCost)\n"
            }
        }
        return text
    }
}
