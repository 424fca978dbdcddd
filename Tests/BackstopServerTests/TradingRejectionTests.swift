import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("A refused order changes nothing and answers with Binance's code")
struct TradingRejectionTests {
    enum Setup: Sendable {
        case nothing
        /// Bob offers 0.01 at 65 000.
        case bobOffers
        /// Alice rests a bid with the client order id `dup`.
        case aliceRestsDup
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var setup: Setup = .nothing
        var parameters: [(String, String)]
        var code: Int
        var testDescription: String { name }
    }

    static func limit(side: String = "BUY", quantity: String = "0.01", price: String = "64000") -> [(String, String)] {
        [("symbol", "BTCUSDT"), ("side", side), ("type", "LIMIT"), ("quantity", quantity), ("price", price), ("timeInForce", "GTC")]
    }

    static let cases = [
        Case(name: "a price off the tick grid", parameters: limit(price: "64000.05"), code: -4014),
        Case(name: "a price outside the band around the mark", parameters: limit(price: "70000"), code: -4016),
        Case(name: "a quantity off the lot grid", parameters: limit(quantity: "0.0105"), code: -4003),
        Case(name: "more margin than the account has", parameters: limit(quantity: "50", price: "65000"), code: -2019),
        Case(name: "reduce-only without a position", parameters: limit() + [("reduceOnly", "true")], code: -2022),
        Case(
            name: "post-only that would match at once", setup: .bobOffers,
            parameters: [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "0.01"), ("price", "65000"),
                         ("timeInForce", "GTX")],
            code: -5022),
        Case(
            name: "an unknown symbol",
            parameters: [("symbol", "ETHUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01")], code: -1121),
        Case(
            name: "an unknown side",
            parameters: [("symbol", "BTCUSDT"), ("side", "HOLD"), ("type", "MARKET"), ("quantity", "0.01")], code: -1117),
        Case(
            name: "a stop order",
            parameters: [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "STOP"), ("quantity", "0.01"), ("stopPrice", "66000")],
            code: -1116),
        Case(
            name: "a client order id of 37 characters",
            parameters: limit() + [("newClientOrderId", String(repeating: "a", count: 37))], code: -4015),
        Case(name: "a hedge-mode position side", parameters: limit() + [("positionSide", "LONG")], code: -4061),
        Case(
            name: "a market order with a price",
            parameters: [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "0.01"), ("price", "65000")],
            code: -1106),
        Case(name: "no quantity", parameters: [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET")], code: -1102),
        Case(
            name: "a client order id an open order has", setup: .aliceRestsDup,
            parameters: limit(price: "63000") + [("newClientOrderId", "dup")], code: -4116),
    ]

    @Test("refused", arguments: cases)
    func refused(_ test: Case) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            switch test.setup {
            case .nothing: break
            case .bobOffers: _ = try await client.order(TestVenue.bob, "SELL", "0.01", price: "65000", venue: venue)
            case .aliceRestsDup:
                _ = try await client.order(TestVenue.alice, "BUY", "0.01", price: "64000", [("newClientOrderId", "dup")], venue: venue)
            }
            let before = await venue.stateHash()
            let answer = try await client.call(.post, "/fapi/v1/order", test.parameters, TestVenue.alice, venue: venue)
            #expect(answer.errorCode == test.code, "\(answer.object)")
            #expect(answer.status == .badRequest)
            #expect(await venue.stateHash() == before)
        }
        try await venue.close()
    }
}
