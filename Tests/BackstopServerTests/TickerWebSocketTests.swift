import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import Testing

@Suite("Book tickers and amendments reach live WebSocket subscribers", .timeLimit(.minutes(1)))
struct TickerWebSocketTests {
    @Test("SUBSCRIBE btcusdt@bookTicker on ccxt.pro's /public/ws/<n>: each new best bid or ask arrives")
    func bookTicker() async throws {
        let venue = try await TestVenue.make()
        _ = try await venue.application().test(.live) { client in
            try await client.ws("/public/ws/0") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"SUBSCRIBE","params":["btcusdt@bookTicker"],"id":1}"#))
                #expect(StreamWebSocketTests.text(try await messages.next()) == #"{"result":null,"id":1}"#)
                try await venue.venue.submit(StreamFixture.limit(TestVenue.alice.account, .buy, "64900", "0.01"))
                try await venue.venue.submit(StreamFixture.limit(TestVenue.bob.account, .sell, "65100", "0.02"))
                let bid = JSONTesting.object(StreamWebSocketTests.text(try await messages.next()))
                #expect(bid["e"] as? String == "bookTicker")
                #expect(bid["s"] as? String == "BTCUSDT")
                #expect(["b", "B", "a", "A"].map { bid[$0] as? String } == ["64900.0", "0.010", "0.0", "0.000"])
                let ask = JSONTesting.object(StreamWebSocketTests.text(try await messages.next()))
                #expect(["b", "B", "a", "A"].map { ask[$0] as? String } == ["64900.0", "0.010", "65100.0", "0.020"])
                #expect((ask["u"] as? Int ?? 0) == (bid["u"] as? Int ?? 0) + 1)
            }
        }
        try await venue.close()
    }

    @Test("an amendment through PUT /fapi/v1/order is an AMENDMENT ORDER_TRADE_UPDATE on its owner's stream")
    func amendment() async throws {
        let venue = try await TestVenue.make()
        let key = venue.services.listenKeys.open(for: TestVenue.alice.account, now: await venue.venue.now)
        _ = try await venue.application().test(.live) { client in
            let placed = try await client.order(TestVenue.alice, "BUY", "0.01", price: "64000", venue: venue)
            let id = try #require(placed.object["orderId"] as? Int)
            try await client.ws("/private/ws?listenKey=\(key)") { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"method":"LIST_SUBSCRIPTIONS","id":1}"#))
                _ = try await messages.next()
                let amended = try await client.call(
                    .put, "/fapi/v1/order",
                    [("symbol", "BTCUSDT"), ("orderId", String(id)), ("side", "BUY"), ("quantity", "0.02"), ("price", "64100")],
                    TestVenue.alice, venue: venue)
                #expect(amended.object["price"] as? String == "64100")
                let update = JSONTesting.object(StreamWebSocketTests.text(try await messages.next()))
                #expect(update["e"] as? String == "ORDER_TRADE_UPDATE")
                let order = try #require(update["o"] as? [String: Any])
                #expect(order["i"] as? Int == id)
                #expect(order["x"] as? String == "AMENDMENT")
                #expect(order["X"] as? String == "NEW")
                #expect(order["p"] as? String == "64100.0")
                #expect(order["q"] as? String == "0.020")
            }
        }
        try await venue.close()
    }
}
