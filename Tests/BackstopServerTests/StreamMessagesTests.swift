import BackstopCore
import BackstopEngine
import Foundation
import Testing

@testable import BackstopServer

@Suite("StreamMessages.render turns each event into Binance's stream payloads")
struct StreamMessagesTests {
    static let alice = TestVenue.alice.account
    static let bob = TestVenue.bob.account
    static let carol = AccountID(3)

    @Test("a mark price update is a markPriceUpdate on <symbol>@markPrice and in !markPrice@arr")
    func markPrice() throws {
        var fixture = StreamFixture()
        let messages = fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("65100")!)))
        let market = try #require(fixture.engine.market("BTCUSDT"))
        let update = try #require(messages.payloads(to: .stream("btcusdt@markPrice")).first)
        #expect(update["e"] as? String == "markPriceUpdate")
        #expect(update["E"] as? Int64 == fixture.time)
        #expect(update["s"] as? String == "BTCUSDT")
        #expect(update["p"] as? String == market.markPrice!.formatted(places: 8))
        #expect(update["i"] as? String == "65100.00000000")
        #expect(update["r"] as? String == "0.00000000")
        #expect(update["T"] as? Int64 == market.funding.nextFundingTime)
        let all = try #require(messages.first { $0.audience == .stream("!markPrice@arr") })
        #expect((JSONTesting.value(all.payload) as? [Any])?.count == 1)
        #expect(messages.payloads(to: .stream("btcusdt@depth")).isEmpty)
    }

    @Test("book changes are depthUpdates whose u grows by one and whose pu is the previous u")
    func depthUpdates() throws {
        var fixture = StreamFixture()
        let bid = fixture.apply(StreamFixture.limit(Self.alice, .buy, "64900", "0.01"))
        let ask = fixture.apply(StreamFixture.limit(Self.bob, .sell, "65100", "0.02"))
        let orderId = try #require(fixture.history.marketFeed.openOrders.values.first { $0.side == .buy }?.orderId)
        let cancel = fixture.apply(.cancelOrder(CancelOrder(account: Self.alice, symbol: "BTCUSDT", orderId: orderId)))
        let updates = [bid, ask, cancel].map { $0.payloads(to: .stream("btcusdt@depth")).first ?? [:] }
        #expect(updates.map { $0["e"] as? String } == Array(repeating: "depthUpdate", count: 3))
        #expect(updates.map { $0["u"] as? Int } == [1, 2, 3])
        #expect(updates.map { $0["U"] as? Int } == [1, 2, 3])
        #expect(updates.map { $0["pu"] as? Int } == [0, 1, 2])
        #expect(updates[0]["b"] as? [[String]] == [["64900.0", "0.010"]])
        #expect(updates[0]["a"] as? [[String]] == [])
        #expect(updates[1]["a"] as? [[String]] == [["65100.0", "0.020"]])
        #expect(updates[2]["b"] as? [[String]] == [["64900.0", "0.000"]])
        #expect(fixture.history.marketFeed.depthUpdateId("BTCUSDT") == 3)
        let top = try #require(ask.payloads(to: .stream("btcusdt@depth5")).first)
        #expect(top["b"] as? [[String]] == [["64900.0", "0.010"]])
        #expect(top["a"] as? [[String]] == [["65100.0", "0.020"]])
        #expect(top["u"] as? Int == 2)
    }

    @Test("fills of one taker order at one price are one aggTrade, and one trade each")
    func aggTrade() throws {
        var fixture = StreamFixture()
        fixture.apply(StreamFixture.limit(Self.bob, .sell, "65000", "0.01"))
        fixture.apply(StreamFixture.limit(Self.bob, .sell, "65000", "0.005"))
        let messages = fixture.apply(StreamFixture.limit(Self.alice, .buy, "65000", "0.015"))
        let aggregates = messages.payloads(to: .stream("btcusdt@aggTrade"))
        #expect(aggregates.count == 1)
        let aggregate = try #require(aggregates.first)
        #expect(aggregate["e"] as? String == "aggTrade")
        #expect(aggregate["s"] as? String == "BTCUSDT")
        #expect(aggregate["p"] as? String == "65000.0")
        #expect(aggregate["q"] as? String == "0.015")
        #expect(aggregate["a"] as? Int == aggregate["f"] as? Int)
        #expect((aggregate["l"] as? Int).map { $0 - 1 } == aggregate["f"] as? Int)
        #expect(aggregate["T"] as? Int64 == fixture.time)
        #expect(aggregate["m"] as? Bool == false)
        #expect(messages.payloads(to: .stream("btcusdt@trade")).map { $0["q"] as? String } == ["0.010", "0.005"])
        let depth = try #require(messages.payloads(to: .stream("btcusdt@depth")).first)
        #expect(depth["a"] as? [[String]] == [["65000.0", "0.000"]])
    }

    @Test("a new order, then its fill: ORDER_TRADE_UPDATE with Binance's fields, to its owner only")
    func orderTradeUpdate() throws {
        var fixture = StreamFixture()
        let placed = fixture.apply(StreamFixture.limit(Self.alice, .buy, "64900", "0.01", clientOrderId: "alice-1"))
        let new = try #require(placed.payloads(to: .account(Self.alice)).first)
        #expect(new["e"] as? String == "ORDER_TRADE_UPDATE")
        #expect(new["E"] as? Int64 == fixture.time)
        #expect(new["T"] as? Int64 == fixture.time)
        let order = try #require(new["o"] as? [String: Any])
        let expectedNew: [String: String] = [
            "s": "BTCUSDT", "c": "alice-1", "S": "BUY", "o": "LIMIT", "f": "GTC", "q": "0.010", "p": "64900.0", "ap": "0",
            "sp": "0", "x": "NEW", "X": "NEW", "l": "0", "z": "0.000", "L": "0", "N": "USDT", "n": "0", "ot": "LIMIT",
            "ps": "BOTH", "wt": "CONTRACT_PRICE", "V": "EXPIRE_TAKER", "rp": "0",
        ]
        for (key, value) in expectedNew { #expect(order[key] as? String == value, "field \(key)") }
        #expect(order["m"] as? Bool == false)
        #expect(order["R"] as? Bool == false)
        #expect(order["t"] as? Int == 0)
        let orderId = try #require(order["i"] as? Int)
        #expect(placed.payloads(to: .account(Self.bob)).isEmpty)

        let matched = fixture.apply(StreamFixture.limit(Self.bob, .sell, "64900", "0.01"))
        let fill = try #require(matched.payloads(to: .account(Self.alice)).first { $0["e"] as? String == "ORDER_TRADE_UPDATE" })
        let filled = try #require(fill["o"] as? [String: Any])
        #expect(filled["i"] as? Int == orderId)
        #expect(filled["x"] as? String == "TRADE")
        #expect(filled["X"] as? String == "FILLED")
        #expect(filled["l"] as? String == "0.010")
        #expect(filled["z"] as? String == "0.010")
        #expect(filled["L"] as? String == "64900.0")
        #expect(filled["ap"] as? String == "64900.0")
        #expect(filled["n"] as? String == "0.1298")
        #expect(filled["m"] as? Bool == true)
        #expect((filled["t"] as? Int ?? 0) > 0)
        let taker = try #require(matched.payloads(to: .account(Self.bob)).compactMap { $0["o"] as? [String: Any] }.last)
        #expect(taker["x"] as? String == "TRADE")
        #expect(taker["m"] as? Bool == false)
        #expect(taker["n"] as? String == "0.3245")
    }

    @Test("a cancellation and an amendment are CANCELED and AMENDMENT")
    func cancelAndAmend() throws {
        var fixture = StreamFixture()
        fixture.apply(StreamFixture.limit(Self.alice, .buy, "64900", "0.01"))
        let orderId = try #require(fixture.history.marketFeed.openOrders.keys.first)
        let amended = fixture.apply(.amendOrder(AmendOrder(
            account: Self.alice, symbol: "BTCUSDT", orderId: orderId, price: Price("64800")!)))
        let amendment = try #require(amended.payloads(to: .account(Self.alice)).first?["o"] as? [String: Any])
        #expect(amendment["x"] as? String == "AMENDMENT")
        #expect(amendment["X"] as? String == "NEW")
        #expect(amendment["p"] as? String == "64800.0")
        let depth = try #require(amended.payloads(to: .stream("btcusdt@depth")).first)
        #expect(depth["b"] as? [[String]] == [["64900.0", "0.000"], ["64800.0", "0.010"]])
        let canceled = fixture.apply(.cancelOrder(CancelOrder(account: Self.alice, symbol: "BTCUSDT", orderId: orderId)))
        let cancellation = try #require(canceled.payloads(to: .account(Self.alice)).first?["o"] as? [String: Any])
        #expect(cancellation["x"] as? String == "CANCELED")
        #expect(cancellation["X"] as? String == "CANCELED")
        #expect(fixture.history.marketFeed.openOrders.isEmpty)
    }

    @Test("ACCOUNT_UPDATE carries the reason, the balance and the changed positions right after the command")
    func accountUpdate() throws {
        var fixture = StreamFixture()
        let deposit = fixture.apply(.deposit(Deposit(account: Self.alice, amount: Money("250")!)))
        let deposited = try #require(deposit.payloads(to: .account(Self.alice)).first?["a"] as? [String: Any])
        #expect(deposited["m"] as? String == "DEPOSIT")
        #expect(deposited["B"] as? [[String: String]] == [["a": "USDT", "wb": "100250", "cw": "100250", "bc": "250"]])
        #expect((deposited["P"] as? [Any])?.isEmpty == true)

        fixture.apply(StreamFixture.limit(Self.alice, .buy, "64900", "0.01"))
        let matched = fixture.apply(StreamFixture.limit(Self.bob, .sell, "64900", "0.01"))
        let update = try #require(matched.payloads(to: .account(Self.alice)).first { $0["e"] as? String == "ACCOUNT_UPDATE" })
        #expect(update["E"] as? Int64 == fixture.time)
        let body = try #require(update["a"] as? [String: Any])
        #expect(body["m"] as? String == "ORDER")
        #expect(body["B"] as? [[String: String]] == [["a": "USDT", "wb": "100249.8702", "cw": "100249.8702", "bc": "0"]])
        let position = try #require((body["P"] as? [[String: String]])?.first)
        #expect(position["s"] == "BTCUSDT")
        #expect(position["pa"] == "0.010")
        #expect(position["ep"] == "64900")
        #expect(position["mt"] == "cross")
        #expect(position["ps"] == "BOTH")
        #expect(position["ma"] == "USDT")
        let held = try #require(fixture.engine.account(Self.alice)?.position(market: 0))
        #expect(position["up"] == fixture.engine.unrealizedPnL(of: held).description)
        let short = try #require(matched.payloads(to: .account(Self.bob)).first { $0["e"] as? String == "ACCOUNT_UPDATE" })
        #expect(((short["a"] as? [String: Any])?["P"] as? [[String: String]])?.first?["pa"] == "-0.010")
    }

    @Test("funding is an ACCOUNT_UPDATE FUNDING_FEE with the payment as bc and no cross position")
    func fundingFee() throws {
        var fixture = StreamFixture()
        fixture.apply(StreamFixture.limit(Self.alice, .buy, "65000", "0.1"))
        fixture.apply(StreamFixture.limit(Self.bob, .sell, "65000", "0.1"))
        fixture.time = fixture.engine.market("BTCUSDT")!.funding.nextFundingTime
        let messages = fixture.apply(.settleFunding(SettleFunding(symbol: "BTCUSDT")))
        let body = try #require(messages.payloads(to: .account(Self.alice)).first?["a"] as? [String: Any])
        #expect(body["m"] as? String == "FUNDING_FEE")
        #expect(((body["B"] as? [[String: String]])?.first?["bc"]).flatMap(Money.init)?.isNegative == true)
        #expect((body["P"] as? [Any])?.isEmpty == true)
        #expect(fixture.history.marketFeed.fundingHistory.map(\.symbol) == ["BTCUSDT"])
    }

    @Test("a liquidation filled by the book: forceOrder, and LIQUIDATION fills with an autoclose id for the trader")
    func liquidationOnTheBook() throws {
        var fixture = Self.carolLong()
        fixture.apply(StreamFixture.limit(Self.bob, .buy, "55600", "0.1"))
        fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("55300")!)))
        let messages = fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("55250")!)))
        let force = try #require(messages.payloads(to: .stream("btcusdt@forceOrder")).first)
        #expect(force["e"] as? String == "forceOrder")
        let order = try #require(force["o"] as? [String: Any])
        #expect(order["s"] as? String == "BTCUSDT")
        #expect(order["S"] as? String == "SELL")
        #expect(order["q"] as? String == "0.100")
        #expect(order["l"] as? String == "0.100")
        #expect(order["z"] as? String == "0.100")
        #expect(order["ap"] as? String == "55600.0")
        #expect(order["X"] as? String == "FILLED")
        #expect(messages.payloads(to: .stream("!forceOrder@arr")).count == 1)
        let fill = try #require(messages.payloads(to: .account(Self.carol)).compactMap { $0["o"] as? [String: Any] }.first)
        #expect(fill["o"] as? String == "LIQUIDATION")
        #expect(fill["ot"] as? String == "LIQUIDATION")
        #expect((fill["c"] as? String)?.hasPrefix("autoclose-") == true)
        #expect(fill["x"] as? String == "TRADE")
        #expect(fill["X"] as? String == "FILLED")
        #expect(fill["l"] as? String == "0.100")
        #expect(messages.payloads(to: .stream("btcusdt@aggTrade")).count == 1)
    }

    @Test("a deleveraged counterparty gets adl_autoclose, CALCULATED; the bankrupt trader an autoclose close")
    func deleveraging() throws {
        var fixture = Self.carolLong()
        fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("55300")!)))
        let messages = fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("55250")!)))
        #expect(messages.payloads(to: .stream("btcusdt@forceOrder")).isEmpty)
        let counterparty = try #require(
            messages.payloads(to: .account(Self.bob)).compactMap { $0["o"] as? [String: Any] }.first)
        #expect(counterparty["c"] as? String == "adl_autoclose")
        #expect(counterparty["o"] as? String == "LIQUIDATION")
        #expect(counterparty["x"] as? String == "CALCULATED")
        #expect(counterparty["X"] as? String == "FILLED")
        #expect(counterparty["S"] as? String == "BUY")
        #expect(counterparty["z"] as? String == "0.100")
        let bankrupt = try #require(
            messages.payloads(to: .account(Self.carol)).compactMap { $0["o"] as? [String: Any] }.first)
        #expect((bankrupt["c"] as? String)?.hasPrefix("autoclose-") == true)
        #expect(bankrupt["x"] as? String == "CALCULATED")
        let account = try #require(messages.payloads(to: .account(Self.bob)).first { $0["e"] as? String == "ACCOUNT_UPDATE" })
        #expect(((account["a"] as? [String: Any])?["P"] as? [[String: String]])?.first?["pa"] == "0")
    }

    @Test("a rejected command renders nothing")
    func rejected() {
        var fixture = StreamFixture()
        let messages = fixture.apply(StreamFixture.limit(Self.alice, .buy, "1", "0.01"))
        #expect(messages.isEmpty)
    }

    /// Carol (account 3, 1,000 deposited) long 0.1 at 65,000 against bob, marked at the index, with
    /// the mark then at 56,000: liquidated below about 55,253.
    static func carolLong() -> StreamFixture {
        var fixture = StreamFixture(configure: { $0.markPrice = MarkPriceSpec(method: .index) })
        fixture.apply(.deposit(Deposit(account: carol, amount: Money("1000")!)))
        fixture.apply(StreamFixture.limit(bob, .sell, "65000", "0.1"))
        fixture.apply(StreamFixture.limit(carol, .buy, "65000", "0.1"))
        fixture.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("56000")!)))
        return fixture
    }
}
