import BackstopCore
import BackstopEngine
import Foundation

/// A market's risk tiers as Binance's `leverageBracket` lists them. Binance sends these figures
/// as JSON numbers; they are written from the exact decimals, never through floating point.
struct LeverageBrackets: Encodable, Sendable {
    struct Bracket: Encodable, Sendable {
        var bracket: Int
        var initialLeverage: Int
        var notionalCap: Decimal
        var notionalFloor: Decimal
        var maintMarginRatio: Decimal
        var cum: Decimal
    }

    var symbol: String
    var notionalCoef: Decimal = 1
    var brackets: [Bracket]

    init(_ spec: MarketSpec) {
        symbol = spec.symbol
        let tiers = spec.riskTiers
        brackets = tiers.indices.map { index in
            let cap = index + 1 < tiers.count ? tiers[index + 1].notionalFloor : Engine.maxReachNotional
            return Bracket(
                bracket: index + 1, initialLeverage: tiers[index].maxLeverage, notionalCap: Self.number(cap),
                notionalFloor: Self.number(tiers[index].notionalFloor),
                maintMarginRatio: Self.number(tiers[index].maintenanceMarginRate),
                cum: Self.number(tiers[index].maintenanceAmount))
        }
    }

    /// The largest notional a position may reach at `leverage`: the floor of the first tier that
    /// does not allow it, or the engine's cap when every tier does.
    static func maxNotional(leverage: Int, tiers: [RiskTier]) -> Money {
        tiers.first { $0.maxLeverage < leverage }?.notionalFloor ?? Engine.maxReachNotional
    }

    /// An exact decimal as a JSON number.
    static func number(_ value: some FixedPointDecimal) -> Decimal {
        Decimal(string: value.description) ?? 0
    }
}
