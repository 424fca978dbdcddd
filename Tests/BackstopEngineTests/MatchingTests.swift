import BackstopCore
@testable import BackstopEngine
import Testing

/// Matching in BTCUSDT at a mark of 65000 (band 61750...68250), every account funded with 100000.
@Suite struct MatchingTests {
    /// A resting order placed before the tested one.
    struct Maker: Sendable {
        var account: AccountID
        var side: Side
        var quantity: String
        var price: String
    }

    struct PriorityCase: CustomTestStringConvertible, Sendable {
        var name: String
        var makers: [Maker]
        var takerSide: Side
        var takerQuantity: String
        var events: [String]
        var testDescription: String { name }
    }

    @Test("price-time priority", arguments: [
        PriorityCase(
            name: "two asks at one price: the earlier fills first",
            makers: [Maker(account: Trader.alice, side: .sell, quantity: "1", price: "65000"),
                     Maker(account: Trader.bob, side: .sell, quantity: "1", price: "65000")],
            takerSide: .buy, takerQuantity: "1",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "closed #3 filled filled 1 left 0"]),
        PriorityCase(
            name: "a better ask fills before an earlier one",
            makers: [Maker(account: Trader.alice, side: .sell, quantity: "1", price: "65100"),
                     Maker(account: Trader.bob, side: .sell, quantity: "1", price: "65000")],
            takerSide: .buy, takerQuantity: "2",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #2", "closed #2 filled filled 1 left 0",
                     "trade 1@65100 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "closed #3 filled filled 2 left 0"]),
        PriorityCase(
            name: "a better bid fills before an earlier one",
            makers: [Maker(account: Trader.alice, side: .buy, quantity: "1", price: "64900"),
                     Maker(account: Trader.bob, side: .buy, quantity: "1", price: "65000")],
            takerSide: .sell, takerQuantity: "1",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #2", "closed #2 filled filled 1 left 0",
                     "closed #3 filled filled 1 left 0"]),
        PriorityCase(
            name: "a taker larger than the first bid moves on to the next at the same price",
            makers: [Maker(account: Trader.alice, side: .buy, quantity: "0.4", price: "65000"),
                     Maker(account: Trader.bob, side: .buy, quantity: "1", price: "65000")],
            takerSide: .sell, takerQuantity: "1",
            events: ["accepted #3", "trade 0.4@65000 taker #3 maker #1", "closed #1 filled filled 0.4 left 0",
                     "trade 0.6@65000 taker #3 maker #2", "closed #3 filled filled 1 left 0"]),
    ])
    func priceTimePriority(_ test: PriorityCase) {
        var venue = TestVenue()
        for maker in test.makers { venue.limit(maker.account, maker.side, maker.quantity, at: maker.price) }
        let events = venue.market(Trader.carol, test.takerSide, test.takerQuantity)
        #expect(events.map(\.brief) == test.events)
        let signed = Quantity.of(test.takerQuantity)
        #expect(venue.position(Trader.carol)?.quantity == (test.takerSide == .buy ? signed : -signed))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("a partial fill leaves the maker's remainder resting with its priority")
    func partialFillLeavesRemainder() {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "2", at: "65000")
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        let events = venue.market(Trader.carol, .buy, "0.5")
        #expect(events.map(\.brief) == [
            "accepted #3", "trade 0.5@65000 taker #3 maker #1", "closed #3 filled filled 0.5 left 0"])
        let book = venue.engine.market("BTCUSDT")!.book
        #expect(book.orders(.sell).map(\.id) == [OrderID(1), OrderID(2)])
        #expect(book.order(OrderID(1))?.remaining == .of("1.5"))
        #expect(book.order(OrderID(1))?.quantity == .of("2"))
        #expect(book.depth(.sell).map(\.quantity) == [.of("2.5")])
        #expect(venue.position(Trader.alice)?.quantity == .of("-0.5"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct TimeInForceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var timeInForce: TimeInForce
        var quantity: String
        var price: String
        var events: [String]
        var asksLeft: [UInt64]
        var bidsLeft: [UInt64]
        var position: String
        var testDescription: String { name }
    }

    /// Asks: #1 alice 1 @ 65000, #2 bob 1 @ 65100; carol's order is #3.
    @Test("time in force decides what happens to the unfilled rest", arguments: [
        TimeInForceCase(
            name: "GTC rests its remainder at its limit", timeInForce: .gtc, quantity: "3", price: "65100",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "trade 1@65100 taker #3 maker #2", "closed #2 filled filled 1 left 0"],
            asksLeft: [], bidsLeft: [3], position: "2"),
        TimeInForceCase(
            name: "IOC closes its remainder as immediateOrCancel", timeInForce: .ioc, quantity: "3", price: "65100",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "trade 1@65100 taker #3 maker #2", "closed #2 filled filled 1 left 0",
                     "closed #3 immediateOrCancel filled 2 left 1"],
            asksLeft: [], bidsLeft: [], position: "2"),
        TimeInForceCase(
            name: "IOC stops at its limit", timeInForce: .ioc, quantity: "3", price: "65000",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "closed #3 immediateOrCancel filled 1 left 2"],
            asksLeft: [2], bidsLeft: [], position: "1"),
        TimeInForceCase(
            name: "FOK that the book can fill fills entirely", timeInForce: .fok, quantity: "2", price: "65100",
            events: ["accepted #3", "trade 1@65000 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "trade 1@65100 taker #3 maker #2", "closed #2 filled filled 1 left 0",
                     "closed #3 filled filled 2 left 0"],
            asksLeft: [], bidsLeft: [], position: "2"),
        TimeInForceCase(
            name: "FOK larger than the book is killed without a trade", timeInForce: .fok, quantity: "3",
            price: "65100", events: ["accepted #3", "closed #3 fillOrKill filled 0 left 3"],
            asksLeft: [1, 2], bidsLeft: [], position: "0"),
        TimeInForceCase(
            name: "FOK whose limit reaches only part of the book is killed", timeInForce: .fok, quantity: "2",
            price: "65000", events: ["accepted #3", "closed #3 fillOrKill filled 0 left 2"],
            asksLeft: [1, 2], bidsLeft: [], position: "0"),
        TimeInForceCase(
            name: "post-only that would cross is rejected", timeInForce: .postOnly, quantity: "1", price: "65000",
            events: ["rejected postOnlyWouldMatch"], asksLeft: [1, 2], bidsLeft: [], position: "0"),
        TimeInForceCase(
            name: "post-only below the best ask rests", timeInForce: .postOnly, quantity: "1", price: "64999.9",
            events: ["accepted #3"], asksLeft: [1, 2], bidsLeft: [3], position: "0"),
    ])
    func timeInForce(_ test: TimeInForceCase) {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "1", at: "65000")
        venue.limit(Trader.bob, .sell, "1", at: "65100")
        let hash = venue.engine.stateHash
        let events = venue.limit(Trader.carol, .buy, test.quantity, at: test.price, timeInForce: test.timeInForce)
        #expect(events.map(\.brief) == test.events)
        #expect(venue.bookOrders(.sell) == test.asksLeft.map(OrderID.init))
        #expect(venue.bookOrders(.buy) == test.bidsLeft.map(OrderID.init))
        #expect((venue.position(Trader.carol)?.quantity ?? .zero) == .of(test.position))
        if !events.contains(where: { $0.trade != nil }) {
            #expect(venue.engine.market("BTCUSDT")?.lastTradePrice == nil)
        }
        if events.first?.rejection != nil { #expect(venue.engine.stateHash == hash) }
        if let rest = venue.engine.market("BTCUSDT")?.book.order(OrderID(3)) {
            #expect(rest.price == .of(test.price))
            #expect(rest.remaining == .of(test.quantity) - .of(test.position))
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct BandCase: CustomTestStringConvertible, Sendable {
        var name: String
        var side: Side
        /// The makers' prices, placed at a mark of 65000 (1 each).
        var makerPrices: [String]
        /// The index (and so the mark) before the market order.
        var index: String
        var filled: String
        var testDescription: String { name }
    }

    @Test("a market order stops at the edge of the price band around the mark", arguments: [
        BandCase(name: "buy: the band edge rounds down to 68000.0, reaching the far ask", side: .buy,
                 makerPrices: ["65000", "68000"], index: "64762", filled: "2"),
        BandCase(name: "buy: the band edge rounds down to 67999.9, short of the far ask", side: .buy,
                 makerPrices: ["65000", "68000"], index: "64761.9", filled: "1"),
        BandCase(name: "sell: the band edge rounds up to 62000.0, reaching the far bid", side: .sell,
                 makerPrices: ["65000", "62000"], index: "65263.1", filled: "2"),
        BandCase(name: "sell: the band edge rounds up to 62000.1, short of the far bid", side: .sell,
                 makerPrices: ["65000", "62000"], index: "65263.2", filled: "1"),
    ])
    func marketOrderBand(_ test: BandCase) {
        var venue = TestVenue()
        for price in test.makerPrices { venue.limit(Trader.alice, test.side.opposite, "1", at: price) }
        venue.index(test.index)
        #expect(venue.engine.market("BTCUSDT")?.markPrice == .of(test.index))
        let events = venue.market(Trader.carol, test.side, "2")
        let trades = events.compactMap(\.trade)
        #expect(trades.map(\.price) == test.makerPrices.prefix(trades.count).map(Price.of))
        #expect(trades.reduce(Quantity.zero) { $0 + $1.quantity } == .of(test.filled))
        let closed = events.last?.orderClosed
        if test.filled == "2" {
            #expect(closed?.reason == .filled)
        } else {
            #expect(closed?.reason == .immediateOrCancel)
            #expect(closed?.remainingQuantity == .of("1"))
            #expect(venue.bookOrders(test.side.opposite) == [OrderID(2)])
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct SelfTradeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var stp: SelfTradePrevention
        var events: [String]
        var asksLeft: [UInt64]
        var bidsLeft: [UInt64]
        var alicePosition: String
        var testDescription: String { name }
    }

    /// Asks: #1 alice 1 @ 65000, #2 bob 1 @ 65000; alice then buys 2 @ 65000 (order #3).
    @Test("self-trade prevention", arguments: [
        SelfTradeCase(
            name: "none: trades with its own order, then the next", stp: .none,
            events: ["accepted #3", "trade 1@65000 taker #3 maker #1", "closed #1 filled filled 1 left 0",
                     "trade 1@65000 taker #3 maker #2", "closed #2 filled filled 1 left 0",
                     "closed #3 filled filled 2 left 0"],
            asksLeft: [], bidsLeft: [], alicePosition: "1"),
        SelfTradeCase(
            name: "expireTaker: the incoming order expires, the resting one stays", stp: .expireTaker,
            events: ["accepted #3", "closed #3 selfTradePrevention filled 0 left 2"],
            asksLeft: [1, 2], bidsLeft: [], alicePosition: "0"),
        SelfTradeCase(
            name: "expireMaker: the resting order expires and matching goes on", stp: .expireMaker,
            events: ["accepted #3", "closed #1 selfTradePrevention filled 0 left 1",
                     "trade 1@65000 taker #3 maker #2", "closed #2 filled filled 1 left 0"],
            asksLeft: [], bidsLeft: [3], alicePosition: "1"),
        SelfTradeCase(
            name: "expireBoth: both expire, the other account's order stays", stp: .expireBoth,
            events: ["accepted #3", "closed #1 selfTradePrevention filled 0 left 1",
                     "closed #3 selfTradePrevention filled 0 left 2"],
            asksLeft: [2], bidsLeft: [], alicePosition: "0"),
    ])
    func selfTradePrevention(_ test: SelfTradeCase) {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "1", at: "65000")
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        let events = venue.limit(Trader.alice, .buy, "2", at: "65000", stp: test.stp)
        #expect(events.map(\.brief) == test.events)
        #expect(venue.bookOrders(.sell) == test.asksLeft.map(OrderID.init))
        #expect(venue.bookOrders(.buy) == test.bidsLeft.map(OrderID.init))
        #expect(venue.position(Trader.alice)?.quantity == .of(test.alicePosition))
        #expect(venue.account(Trader.alice).position(market: 0)?.openOrders
            == (test.asksLeft.filter { $0 == 1 } + test.bidsLeft).map(OrderID.init))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct ReduceOnlyCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Alice's position before: "1", "-1" or "0".
        var position: String
        var side: Side
        var quantity: String
        /// The rejection expected, or nil.
        var rejection: RejectReason?
        var filled: String
        var positionAfter: String
        var testDescription: String { name }
    }

    @Test("reduce-only orders never increase a position and are capped at its size", arguments: [
        ReduceOnlyCase(name: "flat: a reduce-only sell is rejected", position: "0", side: .sell, quantity: "1",
                       rejection: .reduceOnlyWouldIncrease, filled: "0", positionAfter: "0"),
        ReduceOnlyCase(name: "long: a reduce-only buy is rejected", position: "1", side: .buy, quantity: "1",
                       rejection: .reduceOnlyWouldIncrease, filled: "0", positionAfter: "1"),
        ReduceOnlyCase(name: "short: a reduce-only sell is rejected", position: "-1", side: .sell, quantity: "1",
                       rejection: .reduceOnlyWouldIncrease, filled: "0", positionAfter: "-1"),
        ReduceOnlyCase(name: "long 1: a reduce-only sell of 3 fills 1", position: "1", side: .sell, quantity: "3",
                       rejection: nil, filled: "1", positionAfter: "0"),
        ReduceOnlyCase(name: "long 1: a reduce-only sell of 0.4 fills 0.4", position: "1", side: .sell,
                       quantity: "0.4", rejection: nil, filled: "0.4", positionAfter: "0.6"),
        ReduceOnlyCase(name: "short 1: a reduce-only buy of 2 fills 1", position: "-1", side: .buy, quantity: "2",
                       rejection: nil, filled: "1", positionAfter: "0"),
    ])
    func reduceOnly(_ test: ReduceOnlyCase) {
        var venue = TestVenue()
        let start = Quantity.of(test.position)
        if !start.isZero {
            venue.limit(Trader.bob, start.isPositive ? .sell : .buy, "1", at: "65000")
            venue.market(Trader.alice, start.isPositive ? .buy : .sell, "1")
        }
        // Plenty of liquidity on both sides for the reduce-only order.
        venue.limit(Trader.carol, .buy, "3", at: "64900")
        venue.limit(Trader.carol, .sell, "3", at: "65100")
        let hash = venue.engine.stateHash
        let events = venue.market(Trader.alice, test.side, test.quantity, reduceOnly: true)
        if let reason = test.rejection {
            #expect(events.map(\.brief) == ["rejected \(reason.rawValue)"])
            #expect(venue.engine.stateHash == hash)
        } else {
            let filled = Quantity.of(test.filled)
            #expect(events.compactMap(\.trade).map(\.quantity) == [filled])
            let closed = events.last?.orderClosed
            #expect(closed?.filledQuantity == filled)
            #expect(closed?.remainingQuantity == .of(test.quantity) - filled)
            #expect(closed?.reason == (filled == .of(test.quantity) ? .filled : .immediateOrCancel))
        }
        #expect(venue.position(Trader.alice)?.quantity ?? .zero == .of(test.positionAfter))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("a trade happens at the resting order's price, not the taker's limit")
    func tradeAtMakerPrice() throws {
        var venue = TestVenue()
        venue.limit(Trader.alice, .sell, "1", at: "65000")
        let events = venue.limit(Trader.carol, .buy, "1", at: "65500")
        let trade = try #require(events.compactMap(\.trade).first)
        #expect(trade.price == .of("65000"))
        #expect(venue.engine.market("BTCUSDT")?.lastTradePrice == .of("65000"))
        #expect(venue.position(Trader.carol)?.entryPrice == .of("65000"))
        // The buyer paid the value at 65000 plus the taker fee (0.05%).
        #expect(venue.account(Trader.carol).cash == .of("34967.5"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct FeeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var makerRate: String
        var takerRate: String
        var quantity: String
        var price: String
        var value: String
        var takerFee: String
        var makerFee: String
        var testDescription: String { name }
    }

    @Test("maker and taker fees are exact, rounded up, and collected in the fee balance", arguments: [
        FeeCase(name: "1 BTC at 65000", makerRate: "0.0002", takerRate: "0.0005", quantity: "1", price: "65000",
                value: "65000", takerFee: "32.5", makerFee: "13"),
        FeeCase(name: "0.003 BTC at 65432.1", makerRate: "0.0002", takerRate: "0.0005", quantity: "0.003",
                price: "65432.1", value: "196.2963", takerFee: "0.09814815", makerFee: "0.03925926"),
        FeeCase(name: "2.5 BTC at 64000.5", makerRate: "0.0002", takerRate: "0.0005", quantity: "2.5",
                price: "64000.5", value: "160001.25", takerFee: "80.000625", makerFee: "32.00025"),
        FeeCase(name: "rates finer than a unit: fees round up", makerRate: "0.00017", takerRate: "0.00045",
                quantity: "0.001", price: "65000.1", value: "65.0001", takerFee: "0.02925005",
                makerFee: "0.01105002"),
    ])
    func fees(_ test: FeeCase) throws {
        var spec = Markets.btcusdt
        spec.makerFeeRate = .of(test.makerRate)
        spec.takerFeeRate = .of(test.takerRate)
        var venue = TestVenue(markets: [spec])
        venue.limit(Trader.alice, .sell, test.quantity, at: test.price)
        let events = venue.market(Trader.bob, .buy, test.quantity)
        let trade = try #require(events.compactMap(\.trade).first)
        #expect(trade.takerFee == .of(test.takerFee))
        #expect(trade.makerFee == .of(test.makerFee))
        #expect(venue.engine.feeBalance == .of(test.takerFee) + .of(test.makerFee))
        #expect(venue.account(Trader.bob).cash == .of("100000") - .of(test.value) - .of(test.takerFee))
        #expect(venue.account(Trader.alice).cash == .of("100000") + .of(test.value) - .of(test.makerFee))
        #expect(venue.account(Trader.bob).walletBalance == .of("100000") - .of(test.takerFee))
        #expect(venue.account(Trader.alice).walletBalance == .of("100000") - .of(test.makerFee))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("a market order into an empty side closes unfilled and changes no balance")
    func marketIntoEmptyBook() {
        var venue = TestVenue()
        venue.limit(Trader.bob, .buy, "1", at: "64000")
        let cash = venue.account(Trader.alice).cash
        #expect(venue.market(Trader.alice, .buy, "1").map(\.brief)
            == ["accepted #2", "closed #2 immediateOrCancel filled 0 left 1"])
        #expect(venue.account(Trader.alice).cash == cash)
        #expect(venue.position(Trader.alice)?.quantity == .zero)
        #expect(venue.engine.feeBalance == .zero)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("a GTC reduce-only order whose own fills close the position expires its remainder")
    func reduceOnlyRemainderExpires() {
        var venue = TestVenue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        venue.market(Trader.alice, .buy, "1")
        venue.limit(Trader.carol, .buy, "3", at: "65000")
        let events = venue.limit(Trader.alice, .sell, "3", at: "65000", reduceOnly: true)
        #expect(events.map(\.brief) == [
            "accepted #4", "trade 1@65000 taker #4 maker #3", "closed #4 reduceOnly filled 1 left 2"])
        #expect(venue.position(Trader.alice)?.quantity == .zero)
        #expect(venue.engine.market("BTCUSDT")?.book.bestAsk == nil)
        #expect(venue.account(Trader.alice).position(market: 0)?.openOrders == [])
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
