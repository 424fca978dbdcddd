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

    enum CodingKeys: String, CodingKey {
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
    /// The product is exact when the floor is a whole number of cents or finer at the rate's scale;
    /// otherwise it rounds down, which keeps maintenance margin on the side of solvency.
    public static func withMaintenanceAmounts(_ tiers: [RiskTier]) -> [RiskTier] {
        var result = tiers
        var previousRate = Rate.zero
        var cumulative = Money.zero
        for index in result.indices {
            let rateStep = result[index].maintenanceMarginRate - previousRate
            cumulative += result[index].notionalFloor.times(rateStep, rounding: .down)
            result[index].maintenanceAmount = cumulative
            previousRate = result[index].maintenanceMarginRate
        }
        return result
    }
}
