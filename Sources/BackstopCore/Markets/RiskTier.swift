/// One bracket of a market's risk limits: positions whose notional is at least `notionalFloor` use
/// this tier's maximum leverage and maintenance margin rate.
public struct RiskTier: Hashable, Sendable, Codable {
    /// The smallest position notional (at mark) that falls in this tier; the first tier's is zero.
    public var notionalFloor: Money
    /// The highest leverage allowed for a position in this tier.
    public var maxLeverage: Int
    /// The maintenance margin rate (MMR) of this tier.
    public var maintenanceMarginRate: Rate
    /// The maintenance amount `cum` that keeps maintenance margin continuous across tiers,
    /// derived from the tiers below (REFERENCE section 1); never read from input.
    public internal(set) var maintenanceAmount: Money

    /// Creates a tier; `maintenanceAmount` is filled in by ``RiskTier/withMaintenanceAmounts(_:)``.
    public init(notionalFloor: Money, maxLeverage: Int, maintenanceMarginRate: Rate) {
        self.notionalFloor = notionalFloor
        self.maxLeverage = maxLeverage
        self.maintenanceMarginRate = maintenanceMarginRate
        self.maintenanceAmount = .zero
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case notionalFloor, maxLeverage, maintenanceMarginRate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            notionalFloor: try container.decode(Money.self, forKey: .notionalFloor),
            maxLeverage: try container.decode(Int.self, forKey: .maxLeverage),
            maintenanceMarginRate: try container.decode(Rate.self, forKey: .maintenanceMarginRate))
    }

    /// The tiers with each `cum_n = floor_n × (MMR_n − MMR_(n−1)) + cum_(n−1)`, `cum_1 = 0`.
    ///
    /// Each product rounds down, which keeps maintenance margin on the side of solvency. Tiers too
    /// large to compute (which validation rejects) keep a zero amount instead of trapping, so that
    /// decoding untrusted input never crashes.
    public static func withMaintenanceAmounts(_ tiers: [RiskTier]) -> [RiskTier] {
        var result = tiers
        var previousRate = Int128(0)
        var cumulative = Int128(0)
        for index in result.indices {
            let rate = Int128(result[index].maintenanceMarginRate.raw)
            cumulative += FixedPointMath.divide(
                Int128(result[index].notionalFloor.raw) * (rate - previousRate), by: Int128(Rate.scale), rounding: .down)
            guard let amount = Int64(exactly: cumulative) else { break }
            result[index].maintenanceAmount = Money(raw: amount)
            previousRate = rate
        }
        return result
    }
}

extension RiskTier {
    /// The JSON field names this type reads, for strict readers that refuse unknown fields.
    public static let jsonFields = Set(CodingKeys.allCases.map(\.rawValue))
}

extension [RiskTier] {
    /// The tier that holds a position of this notional: the highest tier whose floor it reaches.
    ///
    /// Callers that hold a whole ``MarketSpec`` use ``MarketSpec/tier(forNotional:)``; this form lets
    /// a caller pass the tiers alone instead of copying the spec. Always inlined, so that a caller
    /// reading the tiers where they are stored does not retain the array for a call.
    @inlinable @inline(__always)
    public func tier(forNotional notional: Money) -> RiskTier {
        var chosen = self[0]
        for tier in dropFirst() where notional >= tier.notionalFloor {
            chosen = tier
        }
        return chosen
    }
}
