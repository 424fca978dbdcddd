import BackstopCore

/// A stress scenario: the markets, the insurance fund, the traders and market makers, the price
/// paths, and the deleveraging policies to compare, all from one seed.
///
/// The JSON format, field by field with units and defaults, is documented in
/// `docs/scenario-format.md`.
public struct Scenario: Sendable, Equatable, Decodable {
    /// A short name.
    public var name: String
    /// One line on what it models.
    public var description: String
    /// Seeds every random choice.
    public var seed: UInt64
    /// Simulated time between steps (index updates, quotes), in milliseconds.
    public var stepMilliseconds: Int64
    /// How long the price paths run, in seconds.
    public var durationSeconds: Int64
    /// Forced closes are also valued at the prices this many seconds after the end of the paths
    /// (the cost of forcing winners out before a rebound).
    public var horizonSeconds: Int64
    /// The policies to compare, each in its own run on the same inputs.
    public var policies: [DeleveragingPolicyName]
    /// The insurance fund shared by every market.
    public var insuranceFund: FundSetup
    /// The markets.
    public var markets: [MarketSetup]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, seed, stepMilliseconds, durationSeconds, horizonSeconds, policies, insuranceFund, markets
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        stepMilliseconds = try container.decodeIfPresent(Int64.self, forKey: .stepMilliseconds) ?? 1_000
        durationSeconds = try container.decode(Int64.self, forKey: .durationSeconds)
        horizonSeconds = try container.decodeIfPresent(Int64.self, forKey: .horizonSeconds) ?? 0
        policies = try container.decodeIfPresent([DeleveragingPolicyName].self, forKey: .policies)
            ?? DeleveragingPolicyName.allCases
        insuranceFund = try container.decodeIfPresent(FundSetup.self, forKey: .insuranceFund) ?? FundSetup()
        markets = try container.decode([MarketSetup].self, forKey: .markets)
    }
}

/// The insurance fund of a scenario.
public struct FundSetup: Sendable, Equatable, Decodable {
    /// Its balance at the start.
    public var balance: Money
    /// Binance's 20% position share rule, or none.
    public var maxPositionShare: Rate?
    /// Binance's 7.5% loss limit over the window, or none.
    public var lossLimit: Rate?
    /// OKX's 30% drawdown limit over the window, or none.
    public var drawdownLimit: Rate?
    /// The rules' window, in seconds.
    public var windowSeconds: Int64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case balance, maxPositionShare, lossLimit, drawdownLimit, windowSeconds
    }

    init() {
        balance = Money(units: 100_000)
        maxPositionShare = nil
        lossLimit = nil
        drawdownLimit = nil
        windowSeconds = 8 * 3_600
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FundSetup()
        balance = try container.decodeIfPresent(Money.self, forKey: .balance) ?? defaults.balance
        maxPositionShare = try container.decodeIfPresent(Rate.self, forKey: .maxPositionShare)
        lossLimit = try container.decodeIfPresent(Rate.self, forKey: .lossLimit)
        drawdownLimit = try container.decodeIfPresent(Rate.self, forKey: .drawdownLimit)
        windowSeconds = try container.decodeIfPresent(Int64.self, forKey: .windowSeconds) ?? defaults.windowSeconds
    }
}

/// One market of a scenario: its spec, where its price starts and goes, who trades it.
public struct MarketSetup: Sendable, Equatable, Decodable {
    /// The engine's market spec (its `liquidation.insuranceFund` and `deleveraging.policy` are set by
    /// the simulator).
    public var spec: MarketSpec
    /// The index at the start.
    public var startPrice: Price
    /// How the index moves.
    public var pricePath: PricePath
    /// The traders who hold positions when the scenario starts.
    public var population: Population
    /// The market makers who quote around the index.
    public var makers: Makers

    enum CodingKeys: String, CodingKey, CaseIterable {
        case spec, startPrice, pricePath, population, makers
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.superDecoder(forKey: .spec).rejectUnknownMarketSpecFields()
        spec = try container.decode(MarketSpec.self, forKey: .spec)
        startPrice = try container.decode(Price.self, forKey: .startPrice)
        pricePath = try container.decode(PricePath.self, forKey: .pricePath)
        population = try container.decode(Population.self, forKey: .population)
        makers = try container.decodeIfPresent(Makers.self, forKey: .makers) ?? Makers()
    }
}
