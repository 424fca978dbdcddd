import BackstopCore
import BackstopSimulation
import Testing

/// Scenario files: every built-in loads; a bad file is refused with the field's path.
@Suite struct ScenarioLoaderTests {
    @Test("every built-in scenario loads", arguments: BuiltInScenarios.all.map(\.name))
    func builtInsLoad(name: String) throws {
        let scenario = try ScenarioLoader.load(name)
        #expect(scenario.name == name)
        #expect(!scenario.markets.isEmpty)
        #expect(scenario.policies == DeleveragingPolicyName.allCases)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (String) -> String
        var message: String
        var testDescription: String { name }
    }

    static let base = BuiltInScenarios.json(named: "short-squeeze")!

    @Test("bad scenarios name the field", arguments: [
        Bad(name: "malformed JSON", change: { $0 + "}" }, message: "given data was not valid JSON"),
        Bad(name: "unknown policy", change: { $0.replacingOccurrences(of: "\"seed\": 7,", with: "\"seed\": 7, \"policies\": [\"pro-rata\", \"lottery\"],") },
            message: "policies[1]: Cannot initialize DeleveragingPolicyName from invalid String value lottery"),
        Bad(name: "unknown top-level field", change: { $0.replacingOccurrences(of: "\"seed\": 7,", with: "\"seed\": 7, \"sead\": 8,") },
            message: "sead: unknown field"),
        Bad(name: "unknown spec field", change: { $0.replacingOccurrences(of: "\"lotSize\": \"1\",", with: "\"lotSize\": \"1\", \"lotSise\": \"1\",") },
            message: "markets[0].spec.lotSise: unknown field"),
        Bad(name: "unknown cohort field", change: { $0.replacingOccurrences(of: "\"count\": 250,", with: "\"count\": 250, \"colour\": 1,") },
            message: "markets[0].population.longs.colour: unknown field"),
        Bad(name: "negative start price", change: { $0.replacingOccurrences(of: "\"startPrice\": \"1.2\"", with: "\"startPrice\": \"-1.2\"") },
            message: "markets[0].startPrice: must be positive and at most maxPrice"),
        Bad(name: "empty population", change: {
            $0.replacingOccurrences(of: "\"count\": 250,", with: "\"count\": 0,").replacingOccurrences(of: "\"count\": 60,", with: "\"count\": 0,")
        }, message: "markets[0].population.longs: the population is empty"),
        Bad(name: "bad tier in the spec", change: { $0.replacingOccurrences(of: "\"maxLeverage\": 50,", with: "\"maxLeverage\": 0,") },
            message: "markets[0].spec.riskTiers[0].maxLeverage: must be between 1 and 1000"),
        Bad(name: "unknown price path", change: { $0.replacingOccurrences(of: "\"kind\": \"crash\"", with: "\"kind\": \"moon\"") },
            message: "markets[0].pricePath.kind: unknown kind 'moon'"),
    ])
    func refuses(_ bad: Bad) {
        #expect {
            _ = try ScenarioLoader.decode(bad.change(Self.base), source: "s.json")
        } throws: { error in
            let text = (error as? ScenarioLoader.Problem)?.description ?? ""
            return text.hasPrefix("s.json: ") && text.contains(bad.message)
        }
    }
}
