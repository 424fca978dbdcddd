import BackstopCore
import BackstopEngine
import Foundation
import Testing

@testable import BackstopServer

@Suite("Ticker, mini ticker and book ticker payloads, with Binance's field letters")
struct TickerMessagesTests {
    static let alice = TestVenue.alice.account
    static let bob = TestVenue.bob.account

    /// Bob offers 0.01 at 65 000 and 0.01 at 65 100; alice's bid for 0.02 at 65 100 takes both at
    /// once. The messages are the bid's.
    static func twoTrades() -> (fixture: StreamFixture, messages: [StreamMessage]) {
        var fixture = StreamFixture()
        fixture.apply(StreamFixture.limit(bob, .sell, "65000", "0.01"))
        fixture.apply(StreamFixture.limit(bob, .sell, "65100", "0.01"))
        let messages = fixture.apply(StreamFixture.limit(alice, .buy, "65100", "0.02"))
        return (fixture, messages)
    }

    @Test("a command with trades sends a 24hrTicker of the last 24 hours on <symbol>@ticker and in !ticker@arr")
    func ticker() throws {
        let (fixture, messages) = Self.twoTrades()
        let tradeIds = messages.payloads(to: .stream("btcusdt@trade")).compactMap { $0["t"] as? Int }
        #expect(tradeIds.count == 2)
        let tickers = messages.payloads(to: .stream("btcusdt@ticker"))
        #expect(tickers.count == 1)
        let ticker = try #require(tickers.first)
        // Value 650 + 651 = 1 301 for 0.02: average 65 050; from 65 000 to 65 100 is 100, 0.154%.
        let expected: [String: String] = [
            "e": "24hrTicker", "s": "BTCUSDT", "p": "100.0", "P": "0.154", "w": "65050.0", "c": "65100.0", "Q": "0.010",
            "o": "65000.0", "h": "65100.0", "l": "65000.0", "v": "0.020", "q": "1301",
        ]
        for (key, value) in expected { #expect(ticker[key] as? String == value, "field \(key)") }
        #expect(ticker["E"] as? Int64 == fixture.time)
        #expect(ticker["C"] as? Int64 == fixture.time)
        #expect(ticker["O"] as? Int64 == fixture.time - 86_400_000)
        #expect(ticker["F"] as? Int == tradeIds.first)
        #expect(ticker["L"] as? Int == tradeIds.last)
        #expect(ticker["n"] as? Int == 2)
        #expect(Set(ticker.keys) == Set(expected.keys).union(["E", "O", "C", "F", "L", "n"]))
        let all = try #require(messages.first { $0.audience == .stream("!ticker@arr") })
        #expect(all.payload == "[" + messages.first { $0.audience == .stream("btcusdt@ticker") }!.payload + "]")
    }

    @Test("a command with trades sends a 24hrMiniTicker on <symbol>@miniTicker and in !miniTicker@arr")
    func miniTicker() throws {
        let (fixture, messages) = Self.twoTrades()
        let mini = try #require(messages.payloads(to: .stream("btcusdt@miniTicker")).first)
        let expected: [String: String] = [
            "e": "24hrMiniTicker", "s": "BTCUSDT", "c": "65100.0", "o": "65000.0", "h": "65100.0", "l": "65000.0",
            "v": "0.020", "q": "1301",
        ]
        for (key, value) in expected { #expect(mini[key] as? String == value, "field \(key)") }
        #expect(mini["E"] as? Int64 == fixture.time)
        #expect(Set(mini.keys) == Set(expected.keys).union(["E"]))
        let all = try #require(messages.first { $0.audience == .stream("!miniTicker@arr") })
        #expect(all.payload == "[" + messages.first { $0.audience == .stream("btcusdt@miniTicker") }!.payload + "]")
    }

    @Test("a command without trades sends no ticker")
    func noTradeNoTicker() {
        var fixture = StreamFixture()
        let messages = fixture.apply(StreamFixture.limit(Self.alice, .buy, "64900", "0.01"))
        for stream in ["btcusdt@ticker", "btcusdt@miniTicker", "!ticker@arr", "!miniTicker@arr"] {
            #expect(messages.payloads(to: .stream(stream)).isEmpty, "\(stream)")
        }
    }

    struct BookCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// The command, given the fixture after alice's bids (0.01 at 64 900, 0.01 at 64 800) and
        /// bob's offer (0.02 at 65 100).
        var action: @Sendable (_ fixture: StreamFixture) -> Command.Action
        /// `b`, `B`, `a`, `A` of the book ticker sent; nil when none is.
        var expected: [String]?
        var testDescription: String { name }
    }

    static func aliceOrder(at price: String, in fixture: StreamFixture) -> OrderID {
        fixture.history.marketFeed.openOrders.values.first { $0.account == alice && $0.price == Price(price)! }!.orderId
    }

    static let bookCases = [
        BookCase(
            name: "a better bid", action: { _ in StreamFixture.limit(alice, .buy, "65000", "0.005") },
            expected: ["65000.0", "0.005", "65100.0", "0.020"]),
        BookCase(
            name: "more quantity at the best bid", action: { _ in StreamFixture.limit(bob, .buy, "64900", "0.003") },
            expected: ["64900.0", "0.013", "65100.0", "0.020"]),
        BookCase(
            name: "cancelling the best bid",
            action: { .cancelOrder(CancelOrder(account: alice, symbol: "BTCUSDT", orderId: aliceOrder(at: "64900", in: $0))) },
            expected: ["64800.0", "0.010", "65100.0", "0.020"]),
        BookCase(
            name: "a trade that takes part of the best ask", action: { _ in StreamFixture.limit(alice, .buy, "65100", "0.005") },
            expected: ["64900.0", "0.010", "65100.0", "0.015"]),
        BookCase(
            name: "a trade that takes the whole ask side", action: { _ in StreamFixture.limit(alice, .buy, "65100", "0.02") },
            expected: ["64900.0", "0.010", "0.0", "0.000"]),
        BookCase(name: "a bid below the best", action: { _ in StreamFixture.limit(bob, .buy, "64700", "0.01") }, expected: nil),
        BookCase(
            name: "cancelling a bid below the best",
            action: { .cancelOrder(CancelOrder(account: alice, symbol: "BTCUSDT", orderId: aliceOrder(at: "64800", in: $0))) },
            expected: nil),
        BookCase(name: "an ask behind the best", action: { _ in StreamFixture.limit(bob, .sell, "65200", "0.01") }, expected: nil),
    ]

    @Test("a bookTicker is sent when the best bid or ask changes in price or quantity, and only then", arguments: bookCases)
    func bookTicker(_ test: BookCase) throws {
        var fixture = StreamFixture()
        fixture.apply(StreamFixture.limit(Self.alice, .buy, "64900", "0.01"))
        fixture.apply(StreamFixture.limit(Self.alice, .buy, "64800", "0.01"))
        fixture.apply(StreamFixture.limit(Self.bob, .sell, "65100", "0.02"))
        let messages = fixture.apply(test.action(fixture))
        #expect(!messages.isEmpty, "the command was refused")
        let tickers = messages.payloads(to: .stream("btcusdt@bookTicker"))
        guard let expected = test.expected else {
            #expect(tickers.isEmpty)
            #expect(messages.payloads(to: .stream("!bookTicker")).isEmpty)
            return
        }
        #expect(tickers.count == 1)
        let ticker = try #require(tickers.first)
        #expect(["b", "B", "a", "A"].map { ticker[$0] as? String } == expected)
        #expect(ticker["e"] as? String == "bookTicker")
        #expect(ticker["s"] as? String == "BTCUSDT")
        #expect(ticker["E"] as? Int64 == fixture.time)
        #expect(ticker["T"] as? Int64 == fixture.time)
        #expect(ticker["u"] as? Int == messages.payloads(to: .stream("btcusdt@depth")).first?["u"] as? Int)
        #expect(Set(ticker.keys) == ["e", "u", "E", "T", "s", "b", "B", "a", "A"])
        #expect(messages.filter { $0.audience == .stream("!bookTicker") }.map(\.payload)
            == messages.filter { $0.audience == .stream("btcusdt@bookTicker") }.map(\.payload))
    }

    @Test("the ticker streams are stream names a client may subscribe to", arguments: [
        ("btcusdt@ticker", "btcusdt@ticker"), ("BTCUSDT@miniTicker", "btcusdt@miniTicker"),
        ("btcusdt@bookTicker", "btcusdt@bookTicker"), ("!ticker@arr", "!ticker@arr"),
        ("!miniTicker@arr", "!miniTicker@arr"), ("!bookTicker", "!bookTicker"),
    ])
    func streamNames(name: String, audience: String) {
        #expect(StreamName.audience(of: name) == .stream(audience))
    }
}
