import BackstopCore
@testable import BackstopEngine
import Testing

/// The engine's liquidation and bankruptcy prices for live positions agree with REFERENCE section 2.
@Suite struct LiquidationPriceQueryTests {
    /// Alice opens 1 ETH long at 2,000 with 10x isolated margin: margin 200, MMR 0.5%, cum 0.
    /// Liquidation: (1 × 2000 − 200 − 0) / (1 × (1 − 0.005)) = 1800 / 0.995 = 1809.0452261306…,
    /// rounded up to 1809.04522614.
    /// Bankruptcy: 2000 − 200 / 1 = 1800.
    @Test func isolatedLongMatchesTheReferenceFormula() throws {
        var venue = TestVenue(markets: [Markets.ethusdtNoFees], price: "2000")
        venue.expectAccepted(.setMarginMode(SetMarginMode(account: Trader.alice, symbol: "ETHUSDT", mode: .isolated)))
        venue.expectAccepted(.setLeverage(SetLeverage(account: Trader.alice, symbol: "ETHUSDT", leverage: 10)))
        venue.limit(Trader.bob, .sell, "1", at: "2000", symbol: "ETHUSDT")
        venue.limit(Trader.alice, .buy, "1", at: "2000", symbol: "ETHUSDT")
        let account = try #require(venue.engine.account(Trader.alice))
        let position = try #require(venue.position(Trader.alice, "ETHUSDT"))
        #expect(position.isolatedWallet == .of("200"))
        #expect(venue.engine.liquidationPrice(of: position, in: account) == .of("1809.04522614"))
        #expect(venue.engine.bankruptcyPrice(of: position, in: account) == .of("1800"))
    }

    /// Bob's cross short of 1 ETH at 2,000 with a 100,000 balance: K = 100,000 + 2,000 = 102,000.
    /// In tier 1: 102000 / 1.005 = 101492.5…, a notional in tier 2 (floor 100,000, MMR 1%,
    /// cum = 100,000 × (0.01 − 0.005) = 500), so it is recomputed there:
    /// (102000 + 500) / 1.01 = 101485.1485148…, rounded down to 101485.14851485. Bankruptcy: 102,000.
    @Test func crossShortUsesTheWholeBalance() throws {
        var venue = TestVenue(markets: [Markets.ethusdtNoFees], price: "2000")
        venue.limit(Trader.alice, .buy, "1", at: "2000", symbol: "ETHUSDT")
        venue.limit(Trader.bob, .sell, "1", at: "2000", symbol: "ETHUSDT")
        let account = try #require(venue.engine.account(Trader.bob))
        let position = try #require(venue.position(Trader.bob, "ETHUSDT"))
        #expect(venue.engine.collateral(of: position, in: account) == .of("102000"))
        #expect(venue.engine.liquidationPrice(of: position, in: account) == .of("101485.14851485"))
        #expect(venue.engine.bankruptcyPrice(of: position, in: account) == .of("102000"))
    }
}
