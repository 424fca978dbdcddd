import BackstopCore
import Foundation

/// Reads scenarios from JSON, with errors that name the field by its path.
public enum ScenarioLoader {
    /// Why a scenario could not be read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// A built-in scenario by name, or a scenario file by path.
    public static func load(_ nameOrPath: String) throws(Problem) -> Scenario {
        if let json = BuiltInScenarios.json(named: nameOrPath) {
            return try decode(json, source: nameOrPath)
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath), let text = String(data: data, encoding: .utf8) else {
            let names = BuiltInScenarios.all.map(\.name).joined(separator: ", ")
            throw Problem(description: "'\(nameOrPath)' is neither a built-in scenario (\(names)) nor a readable file")
        }
        return try decode(text, source: nameOrPath, folder: URL(fileURLWithPath: nameOrPath).deletingLastPathComponent())
    }

    /// Decodes and checks a scenario, reading CSV price paths relative to `folder`.
    public static func decode(
        _ json: String, source: String, folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(Problem) -> Scenario {
        var scenario: Scenario
        do {
            scenario = try JSONDecoder().decode(Scenario.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw Problem(description: "\(source): \(error.pathDescription)")
        } catch {
            throw Problem(description: "\(source): \(error)")
        }
        for index in scenario.markets.indices {
            guard case .csv(let file) = scenario.markets[index].pricePath else { continue }
            let path = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path), let csv = String(data: data, encoding: .utf8) else {
                throw Problem(description: "\(source): markets[\(index)].pricePath.file: cannot read '\(path)'")
            }
            do {
                scenario.markets[index].pricePath = try PricePath.points(csv: csv)
            } catch {
                throw Problem(description: "\(source): markets[\(index)].pricePath.file: \(path): \(error.description)")
            }
        }
        try check(scenario, source: source)
        return scenario
    }

    /// Checks what JSON types alone cannot: specs, prices, times, policies.
    static func check(_ scenario: Scenario, source: String) throws(Problem) {
        func fail(_ path: String, _ reason: String) -> Problem { Problem(description: "\(source): \(path): \(reason)") }
        guard scenario.stepMilliseconds >= 100, scenario.stepMilliseconds <= 60_000 else {
            throw fail("stepMilliseconds", "must be 100 to 60000")
        }
        guard scenario.durationSeconds >= 1, scenario.durationSeconds <= 7 * 86_400 else {
            throw fail("durationSeconds", "must be 1 to 604800")
        }
        guard scenario.horizonSeconds >= 0 else { throw fail("horizonSeconds", "must not be negative") }
        guard !scenario.policies.isEmpty else { throw fail("policies", "needs at least one policy") }
        guard !scenario.markets.isEmpty else { throw fail("markets", "needs at least one market") }
        guard !scenario.insuranceFund.balance.isNegative else { throw fail("insuranceFund.balance", "must not be negative") }
        var symbols = Set<String>()
        for (index, market) in scenario.markets.enumerated() {
            let path = "markets[\(index)]"
            do {
                _ = try market.spec.validated()
            } catch {
                throw fail("\(path).spec.\(error.field)", error.reason)
            }
            guard symbols.insert(market.spec.symbol).inserted else { throw fail("\(path).spec.symbol", "appears twice") }
            guard market.startPrice.isPositive, market.startPrice <= market.spec.maxPrice else {
                throw fail("\(path).startPrice", "must be positive and at most maxPrice")
            }
        }
    }
}
