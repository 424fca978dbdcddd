import BackstopCore
import Testing

/// Hand-worked vectors for REFERENCE section 2 (isolated, one position) on the btcusdt fixture.
@Suite("Liquidation and bankruptcy prices")
struct LiquidationPriceTests {
    static let spec = Fixtures.btcusdt

    struct Position: Sendable, CustomTestStringConvertible {
        let name: String
        let quantity: String
        let entry: String
        let margin: String
        let expected: String?
        var testDescription: String { name }
    }

    /// `isolatedCollateral(margin:cost:)` with cost = q × entry (exact for every vector here).
    static func collateral(_ c: Position) throws -> Money {
        let q = quantity(c.quantity)
        let cost = q.value(at: price(c.entry), rounding: .down)
        try #require(cost == q.value(at: price(c.entry), rounding: .up), "cost must be exact")
        return MarginMath.isolatedCollateral(margin: money(c.margin), cost: cost)
    }

    static let liquidations: [Position] = [
        // (1 × 50,000 − 500 − 0) / (1 × (1 − 0.004)) = 49,500 / 0.996 = 49,698.795180722… ↑
        // notional 49,698.8 < 50,000: tier 0 holds.
        Position(name: "long 1 BTC at 50,000, 100x, tier 0", quantity: "1", entry: "50000", margin: "500",
                 expected: "49698.79518073"),
        // (0.5 × 40,000 + 400 + 0) / (0.5 × (1 + 0.004)) = 20,400 / 0.502 = 40,637.450199203… ↓
        Position(name: "short 0.5 BTC at 40,000, 50x, tier 0", quantity: "-0.5", entry: "40000", margin: "400",
                 expected: "40637.4501992"),
        // Tier 0 guess: 285,000 / 9.96 = 28,614.46, notional 286,144.6 → tier 2 (MMR 0.01, cum 1,300):
        // (10 × 30,000 − 15,000 − 1,300) / (10 × 0.99) = 283,700 / 9.9 = 28,656.565656… ↑
        // check: equity 15,000 + 10 × (28,656.5656… − 30,000) = 1,565.65… = 286,565.65… × 0.01 − 1,300.
        Position(name: "long 10 BTC at 30,000, 20x, recomputed in tier 2", quantity: "10", entry: "30000",
                 margin: "15000", expected: "28656.56565657"),
        // Tier 0 guess: 50,500 / 1.004 = 50,298.80 ≥ 50,000 → tier 1 (MMR 0.005, cum 50):
        // (1 × 50,000 + 500 + 50) / (1 × 1.005) = 50,550 / 1.005 = 50,298.507462686… ↓
        Position(name: "short 1 BTC at 50,000, 100x, recomputed in tier 1", quantity: "-1", entry: "50000",
                 margin: "500", expected: "50298.50746268"),
        // Opened at notional 60,000 (tier 1), but (60,000 − 12,000 − 0) / 0.996 = 48,192.771084337… ↑
        // has notional < 50,000, so tier 0 applies (tier 1 would give 47,950 / 0.995 = 48,190.95).
        Position(name: "long opened in tier 1 liquidates in tier 0", quantity: "1", entry: "60000",
                 margin: "12000", expected: "48192.77108434"),
        // (3 × 100 − 10) / (3 × 0.996) = 290 / 2.988 = 97.054886211… ↑ (down would be …21)
        Position(name: "long rounds up", quantity: "3", entry: "100", margin: "10", expected: "97.05488622"),
        // (3 × 100 + 10) / (3 × 1.004) = 310 / 3.012 = 102.921646746… ↓ (up would be …75)
        Position(name: "short rounds down", quantity: "-3", entry: "100", margin: "10", expected: "102.92164674"),
        // 1 × 100 − 100 − 0 = 0: no positive price liquidates.
        Position(name: "1x long has none", quantity: "1", entry: "100", margin: "100", expected: nil),
        // 2 × 100 − 250 < 0
        Position(name: "over-collateralized long has none", quantity: "2", entry: "100", margin: "250",
                 expected: nil),
        // (1 × 100 + 100) / 1.004 = 199.203187250… ↓
        Position(name: "1x short still has one", quantity: "-1", entry: "100", margin: "100", expected: "199.20318725"),
        Position(name: "flat has none", quantity: "0", entry: "100", margin: "100", expected: nil),
    ]

    @Test("isolated liquidation price with tier recomputation", arguments: liquidations)
    func liquidationPrice(_ c: Position) throws {
        let actual = MarginMath.liquidationPrice(
            quantity: quantity(c.quantity), collateral: try Self.collateral(c), spec: Self.spec)
        #expect(actual == c.expected.map(price))
    }

    @Test("the per-tier formula gives the tier-0 guess that recomputation replaces")
    func perTierFormula() throws {
        let short = Self.liquidations.first { $0.name.hasPrefix("short 1 BTC") }!
        let k = try Self.collateral(short)
        let tiers = Self.spec.riskTiers
        // 50,500 / 1.004 = 50,298.804780876… ↓
        #expect(MarginMath.liquidationPrice(quantity: quantity("-1"), collateral: k, tier: tiers[0])
            == price("50298.80478087"))
        #expect(MarginMath.liquidationPrice(quantity: quantity("-1"), collateral: k, tier: tiers[1])
            == price("50298.50746268"))
    }

    static let bankruptcies: [Position] = [
        // 50,000 − 500 / 1
        Position(name: "long 1 BTC at 50,000, 100x", quantity: "1", entry: "50000", margin: "500",
                 expected: "49500"),
        // 50,000 + 500 / 1
        Position(name: "short 1 BTC at 50,000, 100x", quantity: "-1", entry: "50000", margin: "500",
                 expected: "50500"),
        // 40,000 − 400 / 0.5
        Position(name: "long 0.5 BTC at 40,000, 50x", quantity: "0.5", entry: "40000", margin: "400",
                 expected: "39200"),
        // 100 − 100 / 3 = 66.666666666… ↑
        Position(name: "long rounds up", quantity: "3", entry: "100", margin: "100", expected: "66.66666667"),
        // 100 + 100 / 3 = 133.333333333… ↓
        Position(name: "short rounds down", quantity: "-3", entry: "100", margin: "100", expected: "133.33333333"),
        // 100 − 100 / 1 = 0: not a positive price.
        Position(name: "1x long has none", quantity: "1", entry: "100", margin: "100", expected: nil),
        // 100 − 150 / 1 < 0
        Position(name: "over-collateralized long has none", quantity: "1", entry: "100", margin: "150",
                 expected: nil),
        // 100 + 100 / 1
        Position(name: "1x short", quantity: "-1", entry: "100", margin: "100", expected: "200"),
        Position(name: "flat has none", quantity: "0", entry: "100", margin: "100", expected: nil),
    ]

    @Test("bankruptcy price: long EP − M/q rounded up, short EP + M/|q| rounded down", arguments: bankruptcies)
    func bankruptcyPrice(_ c: Position) throws {
        let actual = MarginMath.bankruptcyPrice(quantity: quantity(c.quantity), collateral: try Self.collateral(c))
        #expect(actual == c.expected.map(price))
    }

    @Test("a short backed by negative collateral has no bankruptcy price")
    func negativeCollateralShort() {
        #expect(MarginMath.bankruptcyPrice(quantity: quantity("-1"), collateral: money("-5")) == nil)
        #expect(MarginMath.liquidationPrice(quantity: quantity("-1"), collateral: money("-5"), spec: Self.spec) == nil)
    }

    @Test("isolated collateral = margin − cost")
    func isolatedCollateral() {
        #expect(MarginMath.isolatedCollateral(margin: money("500"), cost: money("50000")) == money("-49500"))
        #expect(MarginMath.isolatedCollateral(margin: money("500"), cost: money("-50000")) == money("50500"))
    }
}
