/// How a market's index moves over a scenario. Percentages are of the start price.
public enum PricePath: Sendable, Equatable, Decodable {
    /// A fall of `dropPercent` (a negative one is a rise) over `crashSeconds` starting at `startSecond`, then a recovery of
    /// `reboundPercent` of the fall over `reboundSeconds`, with small noise of `noisePercent` per step.
    case crash(startSecond: Int64, dropPercent: Double, crashSeconds: Int64, reboundPercent: Double,
               reboundSeconds: Int64, noisePercent: Double)
    /// Jump diffusion: normal moves of `volatilityPercent` per hour's square root, plus jumps at
    /// `jumpsPerHour` of mean `jumpMeanPercent` and spread `jumpSpreadPercent`.
    case jumpDiffusion(volatilityPercent: Double, jumpsPerHour: Double, jumpMeanPercent: Double, jumpSpreadPercent: Double)
    /// Prices from a CSV of `timestamp,price` (seconds from the start, linearly interpolated).
    case points([(second: Int64, price: Double)])

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, startSecond, dropPercent, crashSeconds, reboundPercent, reboundSeconds, noisePercent
        case volatilityPercent, jumpsPerHour, jumpMeanPercent, jumpSpreadPercent, points
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
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown kind '\(kind)' (crash, jumpDiffusion or points)")
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
        default: false
        }
    }
}
