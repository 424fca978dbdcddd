import BackstopCore
@testable import BackstopEngine
import Testing

/// Limits that hold whatever the order in which orders and settings arrive.
@Suite struct OrderLimitTests {
    @Test("raising leverage is refused when open orders could reach a tier that does not allow it")
    func leverageIgnoresOpenOrders() {
        var venue = TestVenue()
        // 4 BTC valued at the 65000 mark is 260000: tier 3, at most 50x.
        venue.limit(Trader.alice, .buy, "4", at: "64000")
        let result = venue.reject(.setLeverage(SetLeverage(account: Trader.alice, symbol: "BTCUSDT", leverage: 125)))
        #expect(result.reason == .exceedsPositionLimit || result.reason == .invalidLeverage)
        #expect(result.unchanged)
        // Had it been accepted: the order fills and alice holds a tier-3 position at 125x.
        venue.limit(Trader.bob, .sell, "4", at: "64000")
        let position = venue.position(Trader.alice)!
        let tier = Markets.btcusdt.tier(forNotional: MarginMath.notional(position.quantity, at: .of("65000")))
        #expect(position.leverage <= tier.maxLeverage)
    }

    /// Alice is long 1: resting reduce-only sells may add up to 1 at most. A placed order whose
    /// remainder would exceed what is left to reduce expires (reason reduceOnly); an amendment that
    /// would exceed it is refused.
    struct PlacementCase: CustomTestStringConvertible, Sendable {
        var name: String
        var quantities: [String]
        var amendTo: String?
        var testDescription: String { name }
    }

    @Test("reduce-only size resting on a side never exceeds the position", arguments: [
        PlacementCase(name: "one reduce-only sell of 3 placed", quantities: ["3"], amendTo: nil),
        PlacementCase(name: "two reduce-only sells of 0.6 placed", quantities: ["0.6", "0.6"], amendTo: nil),
        PlacementCase(name: "a reduce-only sell of 0.5 amended to 3", quantities: ["0.5"], amendTo: "3"),
    ])
    func reduceOnlyPlacement(_ test: PlacementCase) {
        var venue = TestVenue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.market(Trader.alice, .buy, "1")
        var reasons: [RejectReason] = []
        var expired = 0
        for quantity in test.quantities {
            let events = venue.limit(Trader.alice, .sell, quantity, at: "66000", reduceOnly: true)
            reasons += events.compactMap(\.rejection).map(\.reason)
            expired += events.compactMap(\.orderClosed).count { $0.reason == .reduceOnly }
        }
        if let amendTo = test.amendTo {
            let events = venue.apply(.amendOrder(AmendOrder(
                account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(3), quantity: .of(amendTo))))
            reasons += events.compactMap(\.rejection).map(\.reason)
        }
        #expect(reasons == (test.amendTo == nil ? [] : [.reduceOnlyExceedsPosition]))
        #expect(expired == (test.amendTo == nil ? 1 : 0))
        let resting = venue.engine.market("BTCUSDT")!.book.depth(.sell).reduce(Quantity.zero) { $0 + $1.quantity }
        #expect(resting <= .of("1"))
    }
}
