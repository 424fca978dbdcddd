import BackstopCore

/// The traders who hold positions when a scenario starts, as two cohorts.
public struct Population: Sendable, Equatable, Decodable {
    /// Traders who are long.
    public var longs: Cohort
    /// Traders who are short.
    public var shorts: Cohort

    enum CodingKeys: String, CodingKey, CaseIterable { case longs, shorts }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        longs = try container.decode(Cohort.self, forKey: .longs)
        shorts = try container.decode(Cohort.self, forKey: .shorts)
        guard longs.count + shorts.count > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .longs, in: container, debugDescription: "the population is empty")
        }
    }
}

/// Traders on one side: how many, how levered, how large, how margined, where they entered.
public struct Cohort: Sendable, Equatable, Decodable {
    /// How many traders.
    public var count: Int
    /// Leverage values and their weights: `[[leverage, weight], ...]`.
    public var leverage: [(leverage: Int, weight: Double)]
    /// The median position notional, in quote currency (sizes are log-normal).
    public var notionalMedian: Double
    /// The log-normal spread of notionals (0 makes every position the median).
    public var notionalSigma: Double
    /// The share of traders on isolated margin (0 to 1).
    public var isolatedShare: Double
    /// Entries are spread uniformly within this percentage of the start price, either way.
    public var entrySpreadPercent: Double
    /// Margin deposited beyond the initial margin, as a share of it (0.25 deposits 125% of it).
    public var marginBuffer: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case count, leverage, notionalMedian, notionalSigma, isolatedShare, entrySpreadPercent, marginBuffer
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decode(Int.self, forKey: .count)
        guard (0...100_000).contains(count) else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "must be 0 to 100000")
        }
        let pairs = try container.decodeIfPresent([[Double]].self, forKey: .leverage) ?? [[10, 1]]
        leverage = []
        for (index, pair) in pairs.enumerated() {
            guard pair.count == 2, pair[0] >= 1, pair[0] <= 1_000, pair[0] == pair[0].rounded(), pair[1] > 0 else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: container.codingPath + [CodingKeys.leverage, AnyKey(stringValue: "[\(index)]")],
                    debugDescription: "each entry is [leverage, weight]: a whole leverage from 1 to 1000 and a positive weight"))
            }
            leverage.append((Int(pair[0]), pair[1]))
        }
        guard !leverage.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .leverage, in: container, debugDescription: "needs at least one entry")
        }
        notionalMedian = try container.decodeIfPresent(Double.self, forKey: .notionalMedian) ?? 5_000
        notionalSigma = try container.decodeIfPresent(Double.self, forKey: .notionalSigma) ?? 1
        isolatedShare = try container.decodeIfPresent(Double.self, forKey: .isolatedShare) ?? 0.3
        entrySpreadPercent = try container.decodeIfPresent(Double.self, forKey: .entrySpreadPercent) ?? 1
        marginBuffer = try container.decodeIfPresent(Double.self, forKey: .marginBuffer) ?? 0.25
        for (key, value, range) in [(CodingKeys.notionalMedian, notionalMedian, 1.0...1e9), (.notionalSigma, notionalSigma, 0...3),
                                    (.isolatedShare, isolatedShare, 0...1), (.entrySpreadPercent, entrySpreadPercent, 0...4),
                                    (.marginBuffer, marginBuffer, 0...100)] where !range.contains(value) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
    }

    public static func == (lhs: Cohort, rhs: Cohort) -> Bool {
        lhs.count == rhs.count && lhs.leverage.map(\.leverage) == rhs.leverage.map(\.leverage)
            && lhs.leverage.map(\.weight) == rhs.leverage.map(\.weight) && lhs.notionalMedian == rhs.notionalMedian
            && lhs.notionalSigma == rhs.notionalSigma && lhs.isolatedShare == rhs.isolatedShare
            && lhs.entrySpreadPercent == rhs.entrySpreadPercent && lhs.marginBuffer == rhs.marginBuffer
    }
}

/// The market makers of a market: a ladder each side around the index, thinned as volatility rises.
public struct Makers: Sendable, Equatable, Decodable {
    /// How many makers (each quotes the full ladder).
    public var count: Int
    /// Levels each side.
    public var levels: Int
    /// Distance from the index to the first level, in basis points.
    public var spreadBasisPoints: Double
    /// Distance between levels, in basis points.
    public var levelSpacingBasisPoints: Double
    /// Notional quoted at each level, in quote currency.
    public var levelNotional: Double
    /// Quotes are refreshed this often, in seconds.
    public var requoteSeconds: Int64
    /// Depth is multiplied by `max(minimumDepth, 1 − pullSensitivity × |index move over the last minute|)`.
    public var pullSensitivity: Double
    /// The least share of depth makers keep however fast the price moves.
    public var minimumDepth: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case count, levels, spreadBasisPoints, levelSpacingBasisPoints, levelNotional, requoteSeconds, pullSensitivity
        case minimumDepth
    }

    init() {
        count = 2
        levels = 8
        spreadBasisPoints = 5
        levelSpacingBasisPoints = 15
        levelNotional = 25_000
        requoteSeconds = 5
        pullSensitivity = 30
        minimumDepth = 0.05
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Makers()
        count = try container.decodeIfPresent(Int.self, forKey: .count) ?? defaults.count
        levels = try container.decodeIfPresent(Int.self, forKey: .levels) ?? defaults.levels
        spreadBasisPoints = try container.decodeIfPresent(Double.self, forKey: .spreadBasisPoints) ?? defaults.spreadBasisPoints
        levelSpacingBasisPoints = try container.decodeIfPresent(Double.self, forKey: .levelSpacingBasisPoints)
            ?? defaults.levelSpacingBasisPoints
        levelNotional = try container.decodeIfPresent(Double.self, forKey: .levelNotional) ?? defaults.levelNotional
        requoteSeconds = try container.decodeIfPresent(Int64.self, forKey: .requoteSeconds) ?? defaults.requoteSeconds
        pullSensitivity = try container.decodeIfPresent(Double.self, forKey: .pullSensitivity) ?? defaults.pullSensitivity
        minimumDepth = try container.decodeIfPresent(Double.self, forKey: .minimumDepth) ?? defaults.minimumDepth
        guard (1...20).contains(count) else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "must be 1 to 20")
        }
        guard (1...50).contains(levels) else {
            throw DecodingError.dataCorruptedError(forKey: .levels, in: container, debugDescription: "must be 1 to 50")
        }
        guard levelNotional > 0, spreadBasisPoints >= 0, levelSpacingBasisPoints > 0, requoteSeconds >= 1,
              pullSensitivity >= 0, (0...1).contains(minimumDepth)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .levelNotional, in: container,
                debugDescription: "levelNotional and levelSpacingBasisPoints must be positive, requoteSeconds at least 1, minimumDepth 0 to 1")
        }
    }
}
