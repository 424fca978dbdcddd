import BackstopCore
import BackstopEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("PUT /fapi/v1/order amends an open order as Binance's Modify Order does")
struct TradingAmendTests {
    /// Alice's resting bid before each amendment: 0.02 at 64 000, client order id `alice-bid`.
    static let restingBid = [("newClientOrderId", "alice-bid")]

    struct AmendCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Bob offers 0.02 at 65 000 first.
        var bobOffers = false
        /// Names the order by `origClientOrderId` instead of `orderId`.
        var byClientOrderId = false
        var quantity: String
        var price: String
        var status: String
        var executedQty = "0"
        var testDescription: String { name }
    }

    static let amendments = [
        AmendCase(name: "a new price", quantity: "0.02", price: "64100", status: "NEW"),
        AmendCase(name: "a larger quantity", quantity: "0.03", price: "64000", status: "NEW"),
        AmendCase(name: "a smaller quantity, named by origClientOrderId", byClientOrderId: true, quantity: "0.01", price: "64000", status: "NEW"),
        AmendCase(name: "a price that crosses the book fills at once", bobOffers: true, quantity: "0.02", price: "65000",
                  status: "FILLED", executedQty: "0.02"),
    ]

    @Test("the answer and a later query show the new terms under the same order number", arguments: amendments)
    func roundTrip(_ test: AmendCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            if test.bobOffers { _ = try await client.order(TestVenue.bob, "SELL", "0.02", price: "65000", venue: venue) }
            let placed = try await client.order(TestVenue.alice, "BUY", "0.02", price: "64000", Self.restingBid, venue: venue)
            let id = try #require(placed.object["orderId"] as? Int)
            let reference = test.byClientOrderId ? ("origClientOrderId", "alice-bid") : ("orderId", String(id))
            let amended = try await client.call(
                .put, "/fapi/v1/order",
                [("symbol", "BTCUSDT"), reference, ("side", "BUY"), ("quantity", test.quantity), ("price", test.price)],
                TestVenue.alice, venue: venue)
            #expect(amended.status == .ok, "\(amended.object)")
            let queried = try await client.get("/fapi/v1/order", [("symbol", "BTCUSDT"), ("orderId", String(id))], TestVenue.alice, venue: venue)
            for answer in [amended.object, queried.object] {
                #expect(answer["orderId"] as? Int == id)
                #expect(answer["clientOrderId"] as? String == "alice-bid")
                #expect(answer["price"] as? String == test.price)
                #expect(answer["origQty"] as? String == test.quantity)
                #expect(answer["status"] as? String == test.status)
                #expect(answer["executedQty"] as? String == test.executedQty)
                #expect(answer["side"] as? String == "BUY")
                #expect(answer["type"] as? String == "LIMIT")
            }
            let open = try await client.get("/fapi/v1/openOrders", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue).rows
            #expect(open.map { $0["orderId"] as? Int } == (test.status == "NEW" ? [id] : []))
        }
        try await venue.close()
    }

    enum Target: Sendable {
        /// Alice's own resting bid.
        case own
        /// Bob's resting bid.
        case bobs
        /// A number no order has.
        case unused
        /// Alice's market order, filled against bob's offer and closed.
        case filled
    }

    struct RefusalCase: CustomTestStringConvertible, Sendable {
        var name: String
        var target = Target.own
        var parameters: [(String, String)]
        var code: Int
        var testDescription: String { name }
    }

    static func terms(side: String = "BUY", quantity: String = "0.02", price: String = "64100") -> [(String, String)] {
        [("side", side), ("quantity", quantity), ("price", price)]
    }

    static let refusals = [
        RefusalCase(name: "another account's order is unknown", target: .bobs, parameters: terms(), code: -2013),
        RefusalCase(name: "a number no order has", target: .unused, parameters: terms(), code: -2013),
        RefusalCase(name: "a filled order", target: .filled, parameters: terms(), code: -2013),
        RefusalCase(name: "the other side", parameters: terms(side: "SELL"), code: -1130),
        RefusalCase(name: "the order's own terms", parameters: terms(price: "64000"), code: -5027),
        RefusalCase(name: "a price outside the band around the mark", parameters: terms(price: "70000"), code: -4016),
        RefusalCase(name: "a price off the tick grid", parameters: terms(price: "64100.05"), code: -4014),
        RefusalCase(name: "a quantity off the lot grid", parameters: terms(quantity: "0.0205"), code: -4003),
        RefusalCase(name: "more margin than the account has", parameters: terms(quantity: "50"), code: -2019),
        RefusalCase(name: "no price", parameters: [("side", "BUY"), ("quantity", "0.02")], code: -1102),
        RefusalCase(name: "no side", parameters: [("quantity", "0.02"), ("price", "64100")], code: -1102),
        RefusalCase(name: "a price match", parameters: terms() + [("priceMatch", "QUEUE")], code: -1130),
    ]

    @Test("a refused amendment answers Binance's code and leaves the state hash unchanged", arguments: refusals)
    func refused(_ test: RefusalCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let own = try await client.order(TestVenue.alice, "BUY", "0.02", price: "64000", venue: venue)
            let bobs = try await client.order(TestVenue.bob, "BUY", "0.02", price: "64000", venue: venue)
            let orderId: Int
            switch test.target {
            case .own: orderId = try #require(own.object["orderId"] as? Int)
            case .bobs: orderId = try #require(bobs.object["orderId"] as? Int)
            case .unused: orderId = 999_999
            case .filled:
                _ = try await client.order(TestVenue.bob, "SELL", "0.01", price: "65000", venue: venue)
                let filled = try await client.order(TestVenue.alice, "BUY", "0.01", venue: venue)
                #expect(filled.object["status"] as? String == "FILLED")
                orderId = try #require(filled.object["orderId"] as? Int)
            }
            let before = await venue.stateHash()
            let answer = try await client.call(
                .put, "/fapi/v1/order", [("symbol", "BTCUSDT"), ("orderId", String(orderId))] + test.parameters,
                TestVenue.alice, venue: venue)
            #expect(answer.errorCode == test.code, "\(answer.object)")
            #expect(answer.status == .badRequest)
            #expect(await venue.stateHash() == before)
        }
        try await venue.close()
    }
}
