import Foundation

/// How a market's index moves over a scenario. Percentages are of the start price.
public enum PricePath: Sendable, Equatable, Decodable {
    /// A fall of `dropPercent` (a negative one is a rise) over `crashSeconds` starting at `startSecond`, then a recovery of
    /// `reboundPercent` of the fall over `reboundSeconds`, with small noise of `noisePercent` per step.
    case crash(startSecond: Int64, dropPercent: Double, crashSeconds: Int64, reboundPercent: Double,
               reboundSeconds: Int64, noisePercent: Double)
    /// Jump diffusion: normal moves of `volatilityPercent` per hour's square root, plus jumps at
    /// `jumpsPerHour` of mean `jumpMeanPercent` and spread `jumpSpreadPercent`.
    case jumpDiffusion(volatilityPercent: Double, jumpsPerHour: Double, jumpMeanPercent: Double, jumpSpreadPercent: Double)
    /// Prices at given seconds from the start, linearly interpolated.
    case points([(second: Int64, price: Double)])
    /// A CSV file of `timestamp,price` rows (seconds from the start; a header row is allowed), read
    /// into ``points(_:)`` when the scenario is loaded, relative to the scenario file's folder.
    case csv(file: String)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, startSecond, dropPercent, crashSeconds, reboundPercent, reboundSeconds, noisePercent
        case volatilityPercent, jumpsPerHour, jumpMeanPercent, jumpSpreadPercent, points, file
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        func known(_ fields: [CodingKeys]) throws {
            try decoder.rejectUnknownFields(Set((fields + [.kind]).map(\.rawValue)))
        }
        switch kind {
        case "crash":
            try known([.startSecond, .dropPercent, .crashSeconds, .reboundPercent, .reboundSeconds, .noisePercent])
            self = .crash(
                startSecond: try container.decodeIfPresent(Int64.self, forKey: .startSecond) ?? 60,
                dropPercent: try Self.percent(container, .dropPercent, default: 20, range: -400...99),
                crashSeconds: try container.decodeIfPresent(Int64.self, forKey: .crashSeconds) ?? 300,
                reboundPercent: try Self.percent(container, .reboundPercent, default: 50, range: 0...100),
                reboundSeconds: try container.decodeIfPresent(Int64.self, forKey: .reboundSeconds) ?? 600,
                noisePercent: try Self.percent(container, .noisePercent, default: 0.05, range: 0...10))
        case "jumpDiffusion":
            try known([.volatilityPercent, .jumpsPerHour, .jumpMeanPercent, .jumpSpreadPercent])
            self = .jumpDiffusion(
                volatilityPercent: try Self.percent(container, .volatilityPercent, default: 2, range: 0...100),
                jumpsPerHour: try Self.percent(container, .jumpsPerHour, default: 2, range: 0...1_000),
                jumpMeanPercent: try Self.percent(container, .jumpMeanPercent, default: -3, range: -90...90),
                jumpSpreadPercent: try Self.percent(container, .jumpSpreadPercent, default: 2, range: 0...90))
        case "points":
            try known([.points])
            let rows = try container.decode([[Double]].self, forKey: .points)
            var points: [(Int64, Double)] = []
            for (index, row) in rows.enumerated() {
                guard row.count == 2, row[1] > 0, row[0] >= 0, row[0] == row[0].rounded() else {
                    throw DecodingError.dataCorrupted(DecodingError.Context(
                        codingPath: container.codingPath + [CodingKeys.points, AnyKey(stringValue: "[\(index)]")],
                        debugDescription: "a point is [second, price] with a whole non-negative second and a positive price"))
                }
                points.append((Int64(row[0]), row[1]))
            }
            guard !points.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .points, in: container, debugDescription: "needs at least one point")
            }
            self = .points(points.sorted { $0.0 < $1.0 })
        case "csv":
            try known([.file])
            self = .csv(file: try container.decode(String.self, forKey: .file))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown kind '\(kind)' (crash, jumpDiffusion, points or csv)")
        }
    }

    private static func percent(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, default value: Double, range: ClosedRange<Double>
    ) throws -> Double {
        let number = try container.decodeIfPresent(Double.self, forKey: key) ?? value
        guard range.contains(number) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(number) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    public static func == (lhs: PricePath, rhs: PricePath) -> Bool {
        switch (lhs, rhs) {
        case let (.crash(a, b, c, d, e, f), .crash(g, h, i, j, k, l)): a == g && b == h && c == i && d == j && e == k && f == l
        case let (.jumpDiffusion(a, b, c, d), .jumpDiffusion(e, f, g, h)): a == e && b == f && c == g && d == h
        case let (.points(a), .points(b)): a.count == b.count && zip(a, b).allSatisfy { $0.second == $1.second && $0.price == $1.price }
        case let (.csv(a), .csv(b)): a == b
        default: false
        }
    }
}

extension PricePath {
    /// Reads a `timestamp,price` CSV into points.
    ///
    /// - Throws: a message naming the line at fault.
    static func points(csv text: String) throws(ScenarioLoader.Problem) -> PricePath {
        var points: [(Int64, Double)] = []
        for (offset, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if offset == 0, fields.count == 2, Double(fields[0]) == nil { continue }
            guard fields.count == 2, let second = Int64(fields[0]), second >= 0, let price = Double(fields[1]), price > 0 else {
                throw ScenarioLoader.Problem(description: "line \(offset + 1): expected 'timestamp,price' with a whole second and a positive price")
            }
            points.append((second, price))
        }
        guard !points.isEmpty else { throw ScenarioLoader.Problem(description: "no points") }
        return .points(points.sorted { $0.0 < $1.0 })
    }
}
