import BackstopCore
import Testing

@Suite("Market spec validation")
struct MarketSpecValidationTests {
    @Test("the btcusdt fixture validates and derives cum per tier")
    func fixtureValidates() throws {
        let spec = try Fixtures.btcusdt.validated()
        #expect(spec.riskTiers.map(\.maintenanceAmount) == Fixtures.btcusdtMaintenanceAmounts)
        #expect(spec.riskTiers.map(\.notionalFloor) == Fixtures.btcusdtTiers.map(\.notionalFloor))
        #expect(spec.maxLeverage == 125)
        #expect(spec == Fixtures.btcusdt)
    }

    @Test("validated() rederives cum after the tiers were replaced")
    func rederivesAfterMutation() throws {
        var spec = Fixtures.btcusdt
        spec.riskTiers = [
            RiskTier(notionalFloor: money("0"), maxLeverage: 50, maintenanceMarginRate: rate("0.01")),
            RiskTier(notionalFloor: money("10000"), maxLeverage: 25, maintenanceMarginRate: rate("0.02")),
        ]
        #expect(spec.riskTiers[1].maintenanceAmount == .zero)  // a bare RiskTier has no cum yet
        // cum_2 = 10,000 × (0.02 − 0.01) + 0 = 100
        #expect(try spec.validated().riskTiers.map(\.maintenanceAmount) == [money("0"), money("100")])
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let spec: MarketSpec
        let field: String
        var testDescription: String { name }
    }

    static func tiers(_ change: @escaping (inout [RiskTier]) -> Void) -> (inout MarketSpec) -> Void {
        { spec in
            var tiers = Fixtures.btcusdtTiers
            change(&tiers)
            spec.riskTiers = tiers
        }
    }

    static let base = Fixtures.btcusdt

    static let badSpecs: [Bad] = [
        Bad(name: "empty symbol", spec: base.with { $0.symbol = "" }, field: "symbol"),
        Bad(name: "lower-case symbol", spec: base.with { $0.symbol = "btcusdt" }, field: "symbol"),
        Bad(name: "symbol with a dash", spec: base.with { $0.symbol = "BTC-USDT" }, field: "symbol"),
        Bad(name: "symbol of 21 characters", spec: base.with { $0.symbol = String(repeating: "A", count: 21) },
            field: "symbol"),
        Bad(name: "zero tick", spec: base.with { $0.tickSize = .zero }, field: "tickSize"),
        Bad(name: "negative tick", spec: base.with { $0.tickSize = price("-0.1") }, field: "tickSize"),
        Bad(name: "zero lot", spec: base.with { $0.lotSize = .zero }, field: "lotSize"),
        Bad(name: "negative min notional", spec: base.with { $0.minNotional = money("-1") }, field: "minNotional"),
        Bad(name: "max quantity below the lot", spec: base.with { $0.maxOrderQuantity = quantity("0.0005") },
            field: "maxOrderQuantity"),
        Bad(name: "max quantity off the lot grid", spec: base.with { $0.maxOrderQuantity = quantity("1000.0005") },
            field: "maxOrderQuantity"),
        Bad(name: "max price off the tick grid", spec: base.with { $0.maxPrice = price("1000000.05") },
            field: "maxPrice"),
        Bad(name: "max price below the tick", spec: base.with { $0.maxPrice = price("0.05") }, field: "maxPrice"),
        // 10,001 × 1,000,000 = 10,001,000,000 > 10,000,000,000
        Bad(name: "max order notional above 1e10", spec: base.with { $0.maxOrderQuantity = quantity("10001") },
            field: "maxOrderQuantity"),
        Bad(name: "empty tiers", spec: base.with { $0.riskTiers = [] }, field: "riskTiers"),
        Bad(name: "first floor non-zero", spec: base.with(tiers { $0[0].notionalFloor = money("1") }),
            field: "riskTiers[0].notionalFloor"),
        Bad(name: "tiers out of order", spec: base.with(tiers { $0.swapAt(1, 2) }),
            field: "riskTiers[2].notionalFloor"),
        Bad(name: "equal floors", spec: base.with(tiers { $0[2].notionalFloor = money("50000") }),
            field: "riskTiers[2].notionalFloor"),
        Bad(name: "leverage below 1", spec: base.with(tiers { $0[0].maxLeverage = 0 }),
            field: "riskTiers[0].maxLeverage"),
        Bad(name: "negative leverage in a later tier", spec: base.with(tiers { $0[3].maxLeverage = -20 }),
            field: "riskTiers[3].maxLeverage"),
        Bad(name: "leverage above 1000", spec: base.with(tiers { $0[0].maxLeverage = 1001 }),
            field: "riskTiers[0].maxLeverage"),
        // 126 × 0.005 = 0.63 < 1, so only the ordering is wrong.
        Bad(name: "leverage rising with the tier", spec: base.with(tiers { $0[1].maxLeverage = 126 }),
            field: "riskTiers[1].maxLeverage"),
        Bad(name: "zero MMR", spec: base.with(tiers { $0[0].maintenanceMarginRate = .zero }),
            field: "riskTiers[0].maintenanceMarginRate"),
        // 1 / 125 = 0.008: MMR must be strictly below the initial margin rate.
        Bad(name: "MMR equal to 1/maxLeverage", spec: base.with(tiers { $0[0].maintenanceMarginRate = rate("0.008") }),
            field: "riskTiers[0].maintenanceMarginRate"),
        Bad(name: "MMR above 1/maxLeverage in a later tier",
            spec: base.with(tiers { $0[3].maintenanceMarginRate = rate("0.06") }),  // 20 × 0.06 = 1.2
            field: "riskTiers[3].maintenanceMarginRate"),
        Bad(name: "decreasing MMR", spec: base.with(tiers { $0[2].maintenanceMarginRate = rate("0.0045") }),
            field: "riskTiers[2].maintenanceMarginRate"),
        Bad(name: "negative maker fee", spec: base.with { $0.makerFeeRate = rate("-0.0001") }, field: "makerFeeRate"),
        Bad(name: "taker fee of 10%", spec: base.with { $0.takerFeeRate = rate("0.1") }, field: "takerFeeRate"),
        Bad(name: "liquidation fee of 20%", spec: base.with { $0.liquidationFeeRate = rate("0.2") },
            field: "liquidationFeeRate"),
        Bad(name: "zero price band", spec: base.with { $0.priceBand = .zero }, field: "priceBand"),
        Bad(name: "price band of 100%", spec: base.with { $0.priceBand = .one }, field: "priceBand"),
        Bad(name: "funding interval under a minute", spec: base.with { $0.funding.intervalMilliseconds = 59_999 },
            field: "funding.intervalMilliseconds"),
        Bad(name: "negative premium clamp", spec: base.with { $0.funding.premiumClamp = rate("-0.0005") },
            field: "funding.premiumClamp"),
        Bad(name: "zero funding cap", spec: base.with { $0.funding.rateCap = .zero }, field: "funding.rateCap"),
        Bad(name: "funding cap of 100%", spec: base.with { $0.funding.rateCap = .one }, field: "funding.rateCap"),
        Bad(name: "interest rate beyond the cap", spec: base.with { $0.funding.interestRate = rate("-0.008") },
            field: "funding.interestRate"),
        Bad(name: "zero source deviation limit", spec: base.with { $0.markPrice.sourceDeviationLimit = .zero },
            field: "markPrice.sourceDeviationLimit"),
        Bad(name: "basis window under a second", spec: base.with { $0.markPrice.basisWindowMilliseconds = 999 },
            field: "markPrice.basisWindowMilliseconds"),
        Bad(name: "maintenance rate times leverage beyond Int64",
            spec: base.with {
                $0.riskTiers = [RiskTier(notionalFloor: .zero, maxLeverage: 1000, maintenanceMarginRate: rate("100000000"))]
            },
            field: "riskTiers[0].maintenanceMarginRate"),
        Bad(name: "tier floor above the largest notional",
            spec: base.with {
                $0.riskTiers.append(RiskTier(
                    notionalFloor: Money(units: 90_000_000_000), maxLeverage: 1, maintenanceMarginRate: rate("0.4")))
            },
            field: "riskTiers[4].notionalFloor"),
        Bad(name: "first fault wins: bad symbol and zero tick",
            spec: base.with { $0.symbol = "x"; $0.tickSize = .zero }, field: "symbol"),
    ]

    @Test("rejects a bad spec naming the field", arguments: badSpecs)
    func rejects(_ c: Bad) {
        #expect {
            _ = try c.spec.validated()
        } throws: { error in
            (error as? MarketSpecError)?.field == c.field
        }
    }

    struct Good: Sendable, CustomTestStringConvertible {
        let name: String
        let spec: MarketSpec
        var testDescription: String { name }
    }

    static let edgeSpecs: [Good] = [
        Good(name: "symbol of 20 characters", spec: base.with { $0.symbol = String(repeating: "9", count: 20) }),
        // 1 / 20 = 0.05
        Good(name: "MMR just below 1/maxLeverage",
             spec: base.with(tiers { $0[3].maintenanceMarginRate = rate("0.04999999") })),
        Good(name: "leverage 1 with MMR just below 1", spec: base.with {
            $0.riskTiers = [RiskTier(notionalFloor: .zero, maxLeverage: 1, maintenanceMarginRate: rate("0.99999999"))]
        }),
        // 1000 × 0.0009 = 0.9 < 1
        Good(name: "leverage 1000", spec: base.with(tiers {
            $0[0].maxLeverage = 1000
            $0[0].maintenanceMarginRate = rate("0.0009")
        })),
        Good(name: "equal leverage and MMR across tiers", spec: base.with(tiers {
            $0[1].maxLeverage = 125
            $0[1].maintenanceMarginRate = rate("0.004")
        })),
        Good(name: "a single tier", spec: base.with { $0.riskTiers = [Fixtures.btcusdtTiers[0]] }),
        // 10,000 × 1,000,000 = 1e10 exactly.
        Good(name: "max order notional exactly 1e10", spec: base.with { $0.maxOrderQuantity = quantity("10000") }),
        Good(name: "zero fees and zero min notional", spec: base.with {
            $0.makerFeeRate = .zero; $0.takerFeeRate = .zero; $0.liquidationFeeRate = .zero; $0.minNotional = .zero
        }),
        Good(name: "fees just under 10%", spec: base.with { $0.takerFeeRate = rate("0.09999999") }),
        Good(name: "interest rate equal to the cap", spec: base.with { $0.funding.interestRate = rate("-0.0075") }),
        Good(name: "one-minute funding and one-second basis window", spec: base.with {
            $0.funding.intervalMilliseconds = 60_000
            $0.markPrice.basisWindowMilliseconds = 1_000
        }),
        Good(name: "zero premium clamp", spec: base.with { $0.funding.premiumClamp = .zero }),
    ]

    @Test("accepts specs on the edge of every rule", arguments: edgeSpecs)
    func accepts(_ c: Good) {
        #expect(throws: Never.self) { _ = try c.spec.validated() }
    }

    @Test("an error describes itself as field: reason")
    func errorDescription() throws {
        let error = try #require(throws: MarketSpecError.self) {
            _ = try Fixtures.btcusdt.with { $0.tickSize = .zero }.validated()
        }
        #expect(error.description == "tickSize: must be positive")
    }
}
