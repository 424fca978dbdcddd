import BackstopCore
@testable import BackstopEngine
import Testing

/// Resting reduce-only orders never show more size than the position they could reduce.
@Suite struct ReduceOnlyExpiryTests {
    /// Alice is long 1 with two resting reduce-only sells of 0.6 (older) and 0.4 (newer). A market
    /// sell of 0.5 leaves 0.5 to reduce: the newer order alone would fit, but together they exceed it,
    /// so the newest is expired first, then the older one too (0.6 > 0.5).
    @Test func closingPartOfThePositionExpiresTheNewestReduceOnlyOrdersFirst() throws {
        var venue = TestVenue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.limit(Trader.alice, .buy, "1", at: "65000")
        let older = try #require(venue.limit(Trader.alice, .sell, "0.6", at: "66000", reduceOnly: true)
            .first?.orderAccepted?.orderId)
        let newer = try #require(venue.limit(Trader.alice, .sell, "0.4", at: "66500", reduceOnly: true)
            .first?.orderAccepted?.orderId)
        venue.limit(Trader.carol, .buy, "0.5", at: "64000")
        let events = venue.market(Trader.alice, .sell, "0.5")
        let expired = events.compactMap(\.orderClosed).filter { $0.reason == .reduceOnly }.map(\.orderId)
        #expect(expired == [newer, older])
        #expect(venue.position(Trader.alice)?.quantity == .of("0.5"))
        #expect(venue.engine.market("BTCUSDT")?.book.bestAsk == nil)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test func reduceOnlyOrdersThatStillFitStay() throws {
        var venue = TestVenue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.limit(Trader.alice, .buy, "1", at: "65000")
        venue.limit(Trader.alice, .sell, "0.3", at: "66000", reduceOnly: true)
        venue.limit(Trader.carol, .buy, "0.5", at: "64000")
        let events = venue.market(Trader.alice, .sell, "0.5")
        #expect(events.compactMap(\.orderClosed).allSatisfy { $0.reason != .reduceOnly })
        #expect(venue.engine.market("BTCUSDT")?.book.bestAsk == .of("66000"))
    }
}
