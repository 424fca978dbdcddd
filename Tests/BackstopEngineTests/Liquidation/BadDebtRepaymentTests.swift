import BackstopCore
@testable import BackstopEngine
import Testing

/// Reported bad debt that is paid back stops counting, so new bad debt is reported again.
@Suite struct BadDebtRepaymentTests {
    /// Alice (no fund behind the market) ends flat at −200: reported. She deposits 1,200 (cash 1,000),
    /// trades again and ends flat at −100: that is new debt and is reported, not hidden behind the old 200.
    @Test func newDebtAfterRepaymentIsReported() throws {
        let market = LiqFixtures.market(liquidation: LiqFixtures.rules(fund: nil))
        var venue = LiqFixtures.venue(markets: [market], fund: LiqFixtures.fund(), fundDeposit: nil)
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqBids([LiqBid(quantity: "10", price: "880")])
        let first = venue.limit(Trader.alice, .sell, "10", at: "880", symbol: "ETHUSDT")
        #expect(LiqEvents.badDebts(first).map(\.uncovered) == [.of("200")])
        venue.liqDeposit(Trader.alice, "1200")
        #expect(venue.account(Trader.alice).reportedShortfall == .zero)
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqBids([LiqBid(quantity: "10", price: "890")])
        let second = venue.limit(Trader.alice, .sell, "10", at: "890", symbol: "ETHUSDT")
        #expect(LiqEvents.badDebts(second).map(\.uncovered) == [.of("100")])
        #expect(venue.account(Trader.alice).reportedShortfall == .of("100"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
