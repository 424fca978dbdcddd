import BackstopCore
import BackstopSimulation
import Foundation
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

/// Price paths read from CSV files next to the scenario.
@Suite struct CSVPricePathTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/scenarios")

    @Test func theExampleReadsItsCSV() throws {
        let scenario = try ScenarioLoader.load(Self.examples.appendingPathComponent("replay.json").path)
        guard case .points(let points) = scenario.markets[0].pricePath else {
            Issue.record("the CSV was not read into points")
            return
        }
        #expect(points.count == 8)
        #expect(points[3].second == 150 && points[3].price == 58_500)
    }

    @Test("a bad CSV names its line", arguments: [
        ("timestamp,price\n0,100\nten,90\n", "line 3: expected 'timestamp,price'"),
        ("0,100\n60,-5\n", "line 2: expected 'timestamp,price'"),
        ("timestamp,price\n", "no points"),
    ])
    func badCSV(text: String, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backstop-csv-\(abs(text.hashValue))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("path.csv"))
        let json = try String(contentsOf: Self.examples.appendingPathComponent("replay.json"), encoding: .utf8)
            .replacingOccurrences(of: "replay-prices.csv", with: "path.csv")
        #expect {
            _ = try ScenarioLoader.decode(json, source: "s.json", folder: folder)
        } throws: { error in
            let description = (error as? ScenarioLoader.Problem)?.description ?? ""
            return description.contains("markets[0].pricePath.file") && description.contains(message)
        }
    }
}
