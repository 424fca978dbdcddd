import BackstopCore
@testable import BackstopEngine
import Testing

/// Amending and cancelling resting orders in BTCUSDT at a mark of 65000.
@Suite struct AmendCancelTests {
    struct PriorityCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Bob's ask (#2), placed after alice's ask of 2 at 65000 (#1).
        var bobPrice: String
        var newPrice: String?
        var newQuantity: String?
        var amended: String
        /// The maker of the first fill when carol then buys 1.
        var firstMaker: UInt64
        var testDescription: String { name }
    }

    @Test("only a smaller quantity at the same price keeps time priority", arguments: [
        PriorityCase(name: "smaller quantity, same price: keeps priority", bobPrice: "65000", newPrice: nil,
                     newQuantity: "1", amended: "amended #1 1@65000 kept true", firstMaker: 1),
        PriorityCase(name: "larger quantity: goes to the back", bobPrice: "65000", newPrice: nil,
                     newQuantity: "3", amended: "amended #1 3@65000 kept false", firstMaker: 2),
        PriorityCase(name: "new price: goes to the back of the new level", bobPrice: "65100", newPrice: "65100",
                     newQuantity: nil, amended: "amended #1 2@65100 kept false", firstMaker: 2),
        PriorityCase(name: "smaller quantity and new price: goes to the back", bobPrice: "65100",
                     newPrice: "65100", newQuantity: "1", amended: "amended #1 1@65100 kept false", firstMaker: 2),
    ])
    func priority(_ test: PriorityCase) {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "2", at: "65000")
        venue.limit(Trader.bob, .sell, "1", at: test.bobPrice)
        let events = venue.apply(.amendOrder(AmendOrder(
            account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(1),
            price: test.newPrice.map(Price.of), quantity: test.newQuantity.map(Quantity.of))))
        #expect(events.map(\.brief) == [test.amended])
        #expect(venue.engine.invariantViolations().isEmpty)

        let fill = venue.market(Trader.carol, .buy, "1")
        #expect(fill.compactMap(\.trade).map(\.makerOrderId) == [OrderID(test.firstMaker)])
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("an amendment to a crossing price trades at once at the resting price")
    func amendToCrossingPrice() {
        var venue = TestVenue()
        venue.limit(Trader.alice, .buy, "1", at: "64900")
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        let events = venue.apply(.amendOrder(AmendOrder(
            account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(1), price: .of("65100"))))
        #expect(events.map(\.brief) == [
            "amended #1 1@65100 kept false", "trade 1@65000 taker #1 maker #2", "closed #2 filled filled 1 left 0",
            "closed #1 filled filled 1 left 0"])
        #expect(venue.position(Trader.alice)?.quantity == .of("1"))
        #expect(venue.position(Trader.bob)?.quantity == .of("-1"))
        // Alice was the taker: she pays the taker fee on 65000.
        #expect(venue.account(Trader.alice).walletBalance == .of("99967.5"))
        #expect(venue.engine.market("BTCUSDT")!.book.orderCount == 0)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct RefusedAmendCase: CustomTestStringConvertible, Sendable {
        var name: String
        var price: String?
        var quantity: String?
        var reason: RejectReason
        var testDescription: String { name }
    }

    /// Bob's ask #1 of 1 at 65000; alice's post-only bid #2 of 1 at 64000.
    @Test("a refused amendment leaves the order where it was", arguments: [
        RefusedAmendCase(name: "post-only moved onto the ask", price: "65000", quantity: nil,
                         reason: .postOnlyWouldMatch),
        RefusedAmendCase(name: "more than the account can margin", price: nil, quantity: "32",
                         reason: .insufficientMargin),
        RefusedAmendCase(name: "price out of band", price: "61749.9", quantity: nil, reason: .priceOutOfBand),
        RefusedAmendCase(name: "price off the tick grid", price: "64000.05", quantity: nil, reason: .invalidPrice),
        RefusedAmendCase(name: "quantity off the lot grid", price: nil, quantity: "1.0001", reason: .invalidQuantity),
        RefusedAmendCase(name: "nothing changes", price: "64000", quantity: "1", reason: .invalidAmendment),
    ])
    func refusedAmendment(_ test: RefusedAmendCase) {
        var venue = TestVenue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.limit(Trader.alice, .buy, "1", at: "64000", timeInForce: .postOnly)
        let result = venue.reject(.amendOrder(AmendOrder(
            account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(2),
            price: test.price.map(Price.of), quantity: test.quantity.map(Quantity.of))))
        #expect(result.reason == test.reason)
        #expect(result.unchanged)
        #expect(venue.bookOrders(.buy) == [OrderID(2)])
        #expect(venue.position(Trader.alice)?.orderMargin == .of("3200"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct FilledAmendCase: CustomTestStringConvertible, Sendable {
        var name: String
        var quantity: String
        var events: [String]
        var remaining: String?
        var testDescription: String { name }
    }

    /// Alice's ask #1 of 2 at 65000 has 1 filled by carol's market order #2.
    @Test("the quantity of a partly filled order must stay above the filled part", arguments: [
        FilledAmendCase(name: "equal to the filled part: rejected", quantity: "1",
                        events: ["rejected invalidAmendment"], remaining: "1"),
        FilledAmendCase(name: "below the filled part: rejected", quantity: "0.5",
                        events: ["rejected invalidAmendment"], remaining: "1"),
        FilledAmendCase(name: "just above the filled part: keeps priority", quantity: "1.001",
                        events: ["amended #1 1.001@65000 kept true"], remaining: "0.001"),
        FilledAmendCase(name: "larger: goes to the back with the filled part kept", quantity: "3",
                        events: ["amended #1 3@65000 kept false"], remaining: "2"),
        FilledAmendCase(name: "unchanged: rejected", quantity: "2",
                        events: ["rejected invalidAmendment"], remaining: "1"),
    ])
    func amendPartlyFilled(_ test: FilledAmendCase) {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "2", at: "65000")
        venue.market(Trader.carol, .buy, "1")
        let hash = venue.engine.stateHash
        let events = venue.apply(.amendOrder(AmendOrder(
            account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(1), quantity: .of(test.quantity))))
        #expect(events.map(\.brief) == test.events)
        if events.first?.rejection != nil { #expect(venue.engine.stateHash == hash) }
        let order = venue.engine.market("BTCUSDT")?.book.order(OrderID(1))
        #expect(order?.remaining == test.remaining.map(Quantity.of))
        #expect(order?.filled == .of("1"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct CancelCase: CustomTestStringConvertible, Sendable {
        var name: String
        var all: Bool
        var testDescription: String { name }
    }

    @Test("cancelling closes the orders as canceled and releases their margin exactly", arguments: [
        CancelCase(name: "cancel one by one", all: false),
        CancelCase(name: "cancel all", all: true),
    ])
    func cancelReleasesReservation(_ test: CancelCase) {
        var venue = TestVenue()
        // Bob's resting order is not alice's and must survive her cancel-all.
        venue.limit(Trader.bob, .sell, "1", at: "66000")
        let before = venue.available(Trader.alice)
        #expect(before == .of("100000"))
        venue.limit(Trader.alice, .buy, "1", at: "64000")
        venue.limit(Trader.alice, .buy, "0.5", at: "63000")
        venue.limit(Trader.alice, .sell, "0.2", at: "65500")
        // Buys 95500 of value against sells 13100: the larger side over 20x leverage is reserved.
        #expect(venue.available(Trader.alice) == .of("95225"))
        var events: [Event] = []
        if test.all {
            events = venue.expectAccepted(.cancelAllOrders(CancelAllOrders(account: Trader.alice, symbol: "BTCUSDT")))
        } else {
            for id in [2, 3, 4] as [UInt64] {
                events += venue.expectAccepted(.cancelOrder(CancelOrder(
                    account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(id))))
            }
        }
        #expect(events.map(\.brief) == [
            "closed #2 canceled filled 0 left 1", "closed #3 canceled filled 0 left 0.5",
            "closed #4 canceled filled 0 left 0.2"])
        #expect(venue.available(Trader.alice) == before)
        #expect(venue.account(Trader.alice).position(market: 0)?.openOrders == [])
        #expect(venue.bookOrders(.sell) == [OrderID(1)])
        #expect(venue.bookOrders(.buy) == [])
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("cancelling a partly filled order reports the filled and the cancelled parts")
    func cancelPartlyFilled() {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "2", at: "65000")
        venue.market(Trader.carol, .buy, "0.75")
        let events = venue.expectAccepted(.cancelOrder(CancelOrder(
            account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(1))))
        #expect(events.map(\.brief) == ["closed #1 canceled filled 0.75 left 1.25"])
        #expect(venue.position(Trader.alice)?.quantity == .of("-0.75"))
        #expect(venue.position(Trader.alice)?.orderMargin == .zero)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct ForeignCase: CustomTestStringConvertible, Sendable {
        var name: String
        var action: Command.Action
        var testDescription: String { name }
    }

    /// Alice's bid #1 of 1 at 64000 rests.
    @Test("another account's order is unknown to you and nothing changes", arguments: [
        ForeignCase(name: "bob cancels alice's order", action: .cancelOrder(CancelOrder(
            account: Trader.bob, symbol: "BTCUSDT", orderId: OrderID(1)))),
        ForeignCase(name: "bob amends alice's order", action: .amendOrder(AmendOrder(
            account: Trader.bob, symbol: "BTCUSDT", orderId: OrderID(1), quantity: .of("0.5")))),
        ForeignCase(name: "alice cancels an order number never given", action: .cancelOrder(CancelOrder(
            account: Trader.alice, symbol: "BTCUSDT", orderId: OrderID(7)))),
        ForeignCase(name: "alice cancels her order under the wrong market", action: .cancelOrder(CancelOrder(
            account: Trader.alice, symbol: "ETHUSDT", orderId: OrderID(1)))),
    ])
    func foreignOrder(_ test: ForeignCase) {
        var venue = TestVenue(markets: [Markets.btcusdt, Markets.ethusdtNoFees])
        venue.limit(Trader.alice, .buy, "1", at: "64000")
        let availableBefore = venue.available(Trader.alice)
        let result = venue.reject(test.action)
        #expect(result.reason == .unknownOrder)
        #expect(result.unchanged)
        #expect(venue.engine.market("BTCUSDT")?.book.order(OrderID(1))?.remaining == .of("1"))
        #expect(venue.available(Trader.alice) == availableBefore)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
