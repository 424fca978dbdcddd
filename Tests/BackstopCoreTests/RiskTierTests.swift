import BackstopCore
import Testing

@Suite("Risk tiers")
struct RiskTierTests {
    struct Cum: Sendable, CustomTestStringConvertible {
        let name: String
        let index: Int
        let expected: Money
        var testDescription: String { name }
    }

    static let cums: [Cum] = [
        Cum(name: "tier 0: cum_1 = 0", index: 0, expected: money("0")),
        Cum(name: "tier 1: 50,000 × (0.005 − 0.004) + 0 = 50", index: 1, expected: money("50")),
        Cum(name: "tier 2: 250,000 × (0.01 − 0.005) + 50 = 1,300", index: 2, expected: money("1300")),
        Cum(name: "tier 3: 1,000,000 × (0.025 − 0.01) + 1,300 = 16,300", index: 3, expected: money("16300")),
    ]

    @Test("maintenanceAmount equals the hand-computed cum", arguments: cums)
    func maintenanceAmount(_ c: Cum) {
        #expect(Fixtures.btcusdt.riskTiers[c.index].maintenanceAmount == c.expected)
        #expect(RiskTier.withMaintenanceAmounts(Fixtures.btcusdtTiers)[c.index].maintenanceAmount == c.expected)
    }

    @Test("cum rounds down when floor × MMR step is finer than the money scale")
    func cumRoundsDown() {
        // 0.00000001 × (0.5 − 0.1) = 0.000000004 → 0; 1.00000001 × 0.4 = 0.400000004 → 0.4
        let tiers = RiskTier.withMaintenanceAmounts([
            RiskTier(notionalFloor: money("0"), maxLeverage: 5, maintenanceMarginRate: rate("0.1")),
            RiskTier(notionalFloor: money("0.00000001"), maxLeverage: 1, maintenanceMarginRate: rate("0.5")),
        ])
        #expect(tiers[1].maintenanceAmount == .zero)
        let wider = RiskTier.withMaintenanceAmounts([
            RiskTier(notionalFloor: money("0"), maxLeverage: 5, maintenanceMarginRate: rate("0.1")),
            RiskTier(notionalFloor: money("1.00000001"), maxLeverage: 1, maintenanceMarginRate: rate("0.5")),
        ])
        #expect(wider[1].maintenanceAmount == money("0.4"))
    }

    struct Lookup: Sendable, CustomTestStringConvertible {
        let name: String
        let notional: String
        let tierIndex: Int
        var testDescription: String { name }
    }

    static let lookups: [Lookup] = [
        Lookup(name: "zero notional", notional: "0", tierIndex: 0),
        Lookup(name: "negative notional falls to tier 0", notional: "-1", tierIndex: 0),
        Lookup(name: "one unit below 50,000", notional: "49999.99999999", tierIndex: 0),
        Lookup(name: "exactly 50,000", notional: "50000", tierIndex: 1),
        Lookup(name: "one unit below 250,000", notional: "249999.99999999", tierIndex: 1),
        Lookup(name: "exactly 250,000", notional: "250000", tierIndex: 2),
        Lookup(name: "one unit below 1,000,000", notional: "999999.99999999", tierIndex: 2),
        Lookup(name: "exactly 1,000,000", notional: "1000000", tierIndex: 3),
        Lookup(name: "far above the last floor", notional: "9000000000", tierIndex: 3),
    ]

    @Test("tier(forNotional:) picks the highest floor reached", arguments: lookups)
    func tierForNotional(_ c: Lookup) {
        let spec = Fixtures.btcusdt
        #expect(spec.tier(forNotional: money(c.notional)) == spec.riskTiers[c.tierIndex])
    }
}
