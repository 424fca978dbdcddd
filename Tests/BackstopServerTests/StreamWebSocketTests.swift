import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import Testing

@Suite("WebSocket streams served live", .timeLimit(.minutes(1)))
struct StreamWebSocketTests {
    static let alice = TestVenue.alice.account
    static let bob = TestVenue.bob.account

    @Test("/ws/btcusdt@aggTrade receives the aggTrade of crossing orders")
    func aggTrade() async throws {
        let venue = try await TestVenue.make()
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/ws/btcusdt@aggTrade") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":7}"#))
                let list = JSONTesting.object(try await Self.text(messages.next()))
                #expect(list["result"] as? [String] == ["btcusdt@aggTrade"])
                #expect(list["id"] as? Int == 7)
                try await venue.venue.submit(StreamFixture.limit(Self.bob, .sell, "65000", "0.01"))
                try await venue.venue.submit(StreamFixture.limit(Self.alice, .buy, "65000", "0.01"))
                let trade = JSONTesting.object(try await Self.text(messages.next()))
                #expect(trade["e"] as? String == "aggTrade")
                #expect(trade["s"] as? String == "BTCUSDT")
                #expect(trade["p"] as? String == "65000.0")
                #expect(trade["q"] as? String == "0.010")
                #expect(trade["m"] as? Bool == false)
            }
        }
        try await venue.close()
    }

    @Test("SUBSCRIBE on ccxt.pro's /market/ws/<n> is acknowledged with {\"result\":null,\"id\":N}, then streams")
    func subscribeAck() async throws {
        let venue = try await TestVenue.make()
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/market/ws/0") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"SUBSCRIBE","params":["btcusdt@markPrice@1s"],"id":1}"#))
                #expect(try await Self.text(messages.next()) == #"{"result":null,"id":1}"#)
                try await venue.venue.submit(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("65100")!)))
                let update = JSONTesting.object(try await Self.text(messages.next()))
                #expect(update["e"] as? String == "markPriceUpdate")
                #expect(update["i"] as? String == "65100.00000000")
                try await outbound.write(.text(#"{"method":"UNSUBSCRIBE","params":["btcusdt@markPrice@1s"],"id":2}"#))
                #expect(try await Self.text(messages.next()) == #"{"result":null,"id":2}"#)
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":3}"#))
                #expect(try await Self.text(messages.next()) == #"{"result":[],"id":3}"#)
            }
        }
        try await venue.close()
    }

    @Test("combined streams wrap each message as {\"stream\":...,\"data\":...}")
    func combined() async throws {
        let venue = try await TestVenue.make()
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/stream?streams=btcusdt@depth@100ms/btcusdt@markPrice") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":1}"#))
                _ = try await messages.next()
                try await venue.venue.submit(StreamFixture.limit(Self.alice, .buy, "64900", "0.01"))
                let wrapped = JSONTesting.object(try await Self.text(messages.next()))
                #expect(wrapped["stream"] as? String == "btcusdt@depth@100ms")
                let data = try #require(wrapped["data"] as? [String: Any])
                #expect(data["e"] as? String == "depthUpdate")
                #expect(data["b"] as? [[String]] == [["64900.0", "0.010"]])
            }
        }
        try await venue.close()
    }

    @Test("a listen key streams its own account's ORDER_TRADE_UPDATE, not another account's")
    func userData() async throws {
        let venue = try await TestVenue.make()
        let key = venue.services.listenKeys.open(for: Self.alice, now: await venue.venue.now)
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/private/ws?listenKey=\(key)") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":1}"#))
                #expect(JSONTesting.object(try await Self.text(messages.next()))["result"] as? [String] == [key])
                try await venue.venue.submit(StreamFixture.limit(Self.bob, .sell, "65100", "0.01", clientOrderId: "bob-1"))
                try await venue.venue.submit(StreamFixture.limit(Self.alice, .buy, "64900", "0.01", clientOrderId: "alice-1"))
                let update = JSONTesting.object(try await Self.text(messages.next()))
                #expect(update["e"] as? String == "ORDER_TRADE_UPDATE")
                let order = try #require(update["o"] as? [String: Any])
                #expect(order["c"] as? String == "alice-1")
                #expect(order["X"] as? String == "NEW")
            }
        }
        try await venue.close()
    }

    @Test("when its listen key expires, the user data stream says listenKeyExpired and stops")
    func listenKeyExpires() async throws {
        let venue = try await TestVenue.make()
        let key = venue.services.listenKeys.open(for: Self.alice, now: await venue.venue.now)
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/ws/\(key)") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":1}"#))
                _ = try await messages.next()
                venue.clock.advance(venue.services.listenKeys.lifetime + 1)
                let expired = JSONTesting.object(try await Self.text(messages.next()))
                #expect(expired["e"] as? String == "listenKeyExpired")
                #expect(expired["listenKey"] as? String == key)
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":2}"#))
                #expect(try await Self.text(messages.next()) == #"{"result":[],"id":2}"#)
            }
        }
        try await venue.close()
    }

    @Test("SET_PROPERTY combined switches to wrapped messages; GET_PROPERTY reads it")
    func combinedProperty() async throws {
        let venue = try await TestVenue.make()
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/public/ws") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"SET_PROPERTY","params":["combined",true],"id":1}"#))
                #expect(try await Self.text(messages.next()) == #"{"result":null,"id":1}"#)
                try await outbound.write(.text(#"{"method":"GET_PROPERTY","params":["combined"],"id":"two"}"#))
                #expect(try await Self.text(messages.next()) == #"{"result":true,"id":"two"}"#)
                try await outbound.write(.text(#"{"method":"SUBSCRIBE","params":["btcusdt@depth5@100ms"],"id":3}"#))
                _ = try await messages.next()
                try await venue.venue.submit(StreamFixture.limit(Self.bob, .sell, "65100", "0.02"))
                let wrapped = JSONTesting.object(try await Self.text(messages.next()))
                #expect(wrapped["stream"] as? String == "btcusdt@depth5@100ms")
                #expect((wrapped["data"] as? [String: Any])?["a"] as? [[String]] == [["65100.0", "0.020"]])
            }
        }
        try await venue.close()
    }

    @Test(
        "an invalid listen key or a malformed request is answered with an error, then the connection closes",
        arguments: [
            ("/private/ws?listenKey=0123456789abcdef", nil, -1125),
            ("/ws/deadbeef", nil, -1125),
            ("/ws/btcusdt@kline_1m", nil, 2),
            ("/ws", "not json", 3),
            ("/ws", #"{"method":"SUBSCRIBE","params":[1],"id":4}"#, 2),
            ("/ws", #"{"method":"SUBSCRIBE","params":["btcusdt@nothing"],"id":5}"#, 2),
            ("/ws", #"{"method":"FLY","id":6}"#, 2),
        ] as [(String, String?, Int)])
    func refused(path: String, request: String?, code: Int) async throws {
        let venue = try await TestVenue.make()
        _ = try await venue.application().test(.live) { client in
            try await client.ws(path) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                if let request { try await outbound.write(.text(request)) }
                let answer = JSONTesting.object(try await Self.text(messages.next()))
                #expect((answer["error"] as? [String: Any])?["code"] as? Int == code)
                #expect(try await messages.next() == nil)
            }
        }
        try await venue.close()
    }

    /// The text of a message; empty for anything else.
    static func text(_ message: WebSocketMessage?) -> String {
        guard case .text(let text) = message else { return "" }
        return text
    }
}
