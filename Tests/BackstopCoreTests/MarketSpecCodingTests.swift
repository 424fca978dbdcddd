import BackstopCore
import Foundation
import Testing

@Suite("Market spec JSON")
struct MarketSpecCodingTests {
    static let minimalJSON = #"""
        {
          "symbol": "ETHUSDT",
          "baseAsset": "ETH",
          "tickSize": "0.01",
          "lotSize": "0.001",
          "riskTiers": [
            {"notionalFloor": "0", "maxLeverage": 100, "maintenanceMarginRate": "0.005"},
            {"notionalFloor": 10000, "maxLeverage": 75, "maintenanceMarginRate": "0.0065",
             "maintenanceAmount": "999"}
          ]
        }
        """#

    @Test("absent fields take their documented defaults")
    func defaults() throws {
        let spec = try JSONDecoder().decode(MarketSpec.self, from: Data(Self.minimalJSON.utf8))
        #expect(spec.symbol == "ETHUSDT")
        #expect(spec.baseAsset == "ETH")
        #expect(spec.quoteAsset == "USDT")
        #expect(spec.tickSize == price("0.01"))
        #expect(spec.lotSize == quantity("0.001"))
        #expect(spec.minNotional == .zero)
        #expect(spec.maxOrderQuantity == quantity("10000"))
        #expect(spec.maxPrice == price("1000000"))
        #expect(spec.makerFeeRate == rate("0.0002"))
        #expect(spec.takerFeeRate == rate("0.0005"))
        #expect(spec.liquidationFeeRate == rate("0.0125"))
        #expect(spec.priceBand == rate("0.05"))
        #expect(spec.funding == FundingSpec(
            intervalMilliseconds: 28_800_000, interestRate: rate("0.0001"), premiumClamp: rate("0.0005"),
            rateCap: rate("0.0075")))
        #expect(spec.markPrice == MarkPriceSpec(
            method: .binance, sourceDeviationLimit: rate("0.05"), basisWindowMilliseconds: 30_000))
        // cum is derived, never read: 10,000 × (0.0065 − 0.005) = 15, not the 999 in the input.
        #expect(spec.riskTiers.map(\.maintenanceAmount) == [money("0"), money("15")])
        #expect(spec.riskTiers[1].notionalFloor == money("10000"))
        // The defaults must themselves be valid: 10,000 × 1,000,000 = 1e10, the largest order notional allowed.
        #expect(throws: Never.self) { _ = try spec.validated() }
    }

    @Test("partial nested objects keep the defaults of their missing fields")
    func partialNested() throws {
        let json = Self.minimalJSON.replacingOccurrences(
            of: #""lotSize": "0.001","#,
            with: #""lotSize": "0.001", "funding": {"intervalMilliseconds": 3600000, "rateCap": "0.04"},"#
                + #" "markPrice": {"method": "index"},"#)
        let spec = try JSONDecoder().decode(MarketSpec.self, from: Data(json.utf8))
        #expect(spec.funding == FundingSpec(
            intervalMilliseconds: 3_600_000, interestRate: rate("0.0001"), premiumClamp: rate("0.0005"),
            rateCap: rate("0.04")))
        #expect(spec.markPrice == MarkPriceSpec(
            method: .index, sourceDeviationLimit: rate("0.05"), basisWindowMilliseconds: 30_000))
    }

    @Test("encode then decode gives the same spec, with cum rederived and not written")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(Fixtures.btcusdt)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("maintenanceAmount"))
        #expect(text.contains(#""tickSize":"0.1""#))
        let decoded = try JSONDecoder().decode(MarketSpec.self, from: data)
        #expect(decoded == Fixtures.btcusdt)
        #expect(decoded.riskTiers.map(\.maintenanceAmount) == Fixtures.btcusdtMaintenanceAmounts)
    }

    struct Missing: Sendable, CustomTestStringConvertible {
        let name: String
        let key: String
        var testDescription: String { name }
    }

    static let required: [Missing] = [
        Missing(name: "symbol", key: #""symbol": "ETHUSDT","#),
        Missing(name: "baseAsset", key: #""baseAsset": "ETH","#),
        Missing(name: "tickSize", key: #""tickSize": "0.01","#),
        Missing(name: "lotSize", key: #""lotSize": "0.001","#),
    ]

    @Test("a required field may not be left out", arguments: required)
    func requiredField(_ c: Missing) {
        let json = Self.minimalJSON.replacingOccurrences(of: c.key, with: "")
        #expect(json != Self.minimalJSON)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MarketSpec.self, from: Data(json.utf8))
        }
    }

    @Test("tiers too large to derive cum from decode without trapping and fail validation")
    func hugeTiersDoNotTrap() throws {
        let json = #"""
            {"symbol": "XUSDT", "baseAsset": "X", "tickSize": "0.01", "lotSize": "0.001", "riskTiers": [
              {"notionalFloor": "0", "maxLeverage": 1, "maintenanceMarginRate": "0.5"},
              {"notionalFloor": "90000000000", "maxLeverage": 1, "maintenanceMarginRate": "90000000000"}]}
            """#
        let spec = try JSONDecoder().decode(MarketSpec.self, from: Data(json.utf8))
        #expect(throws: MarketSpecError.self) { try spec.validated() }
    }

    @Test("a malformed decimal in a spec fails decoding")
    func malformedDecimal() {
        let json = Self.minimalJSON.replacingOccurrences(of: #""0.01""#, with: #""1e-2""#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MarketSpec.self, from: Data(json.utf8))
        }
    }
}
