import BackstopCore
@testable import BackstopEngine
import Testing

/// A flat cross balance's bad debt is charged to the fund of the market where it was made.
@Suite struct BadDebtAttributionTests {
    /// BTCUSDT is behind the fund; ETHUSDT is not. Alice places and cancels an order in BTCUSDT (an
    /// idle slot there), then ends flat at −200 in ETHUSDT: the fund does not pay, 200 is reported.
    @Test func anIdleSlotInAFundedMarketDoesNotPay() throws {
        var funded = Markets.btcusdt
        funded.liquidation.insuranceFund = LiqFixtures.fundName
        let unfunded = LiqFixtures.market(liquidation: LiqFixtures.rules(fund: nil))
        var venue = LiqFixtures.venue(markets: [unfunded], fund: LiqFixtures.fund())
        venue.expectAccepted(.createMarket(funded))
        venue.expectAccepted(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: .of("65000"))))
        venue.liqDeposit(Trader.alice, "1000")
        let order = venue.limit(Trader.alice, .buy, "0.001", at: "64000")
        let id = try #require(order.first?.orderAccepted?.orderId)
        venue.expectAccepted(.cancelOrder(CancelOrder(account: Trader.alice, symbol: "BTCUSDT", orderId: id)))
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqBids([LiqBid(quantity: "10", price: "880")])
        let fundBefore = venue.liqFundCash
        let events = venue.limit(Trader.alice, .sell, "10", at: "880", symbol: "ETHUSDT")
        #expect(LiqEvents.badDebts(events).map(\.uncovered) == [.of("200")])
        #expect(LiqEvents.badDebts(events).map(\.pool) == [nil])
        #expect(venue.liqFundCash == fundBefore)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
