import BackstopCore
import BackstopEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("Orders are placed, queried and cancelled as Binance's order endpoints do it")
struct TradingOrderTests {
    struct LookupCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// The parameter naming the order, from its number and client order id.
        var reference: @Sendable (_ orderId: Int, _ clientOrderId: String) -> (String, String)
        var testDescription: String { name }
    }

    static let lookups = [
        LookupCase(name: "by orderId", reference: { id, _ in ("orderId", String(id)) }),
        LookupCase(name: "by origClientOrderId", reference: { _, client in ("origClientOrderId", client) }),
    ]

    @Test("a resting order round trip: placed NEW, queried, cancelled, then queried as CANCELED", arguments: lookups)
    func roundTrip(_ lookup: LookupCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let placed = try await client.order(
                TestVenue.alice, "BUY", "0.01", price: "64000",
                [("newClientOrderId", "x-cvBPrNm972504ef2dfd335596ff9"), ("newOrderRespType", "RESULT")], venue: venue)
            #expect(placed.status == .ok)
            let order = placed.object
            #expect(order["status"] as? String == "NEW")
            #expect(order["clientOrderId"] as? String == "x-cvBPrNm972504ef2dfd335596ff9")
            #expect(order["price"] as? String == "64000")
            #expect(order["origQty"] as? String == "0.01")
            #expect(order["executedQty"] as? String == "0")
            #expect(order["cumQuote"] as? String == "0")
            #expect(order["timeInForce"] as? String == "GTC")
            #expect(order["type"] as? String == "LIMIT")
            #expect(order["side"] as? String == "BUY")
            #expect(order["positionSide"] as? String == "BOTH")
            #expect(order["reduceOnly"] as? Bool == false)
            #expect((order["updateTime"] as? Int64 ?? 0) > TestVenue.start)
            let id = try #require(order["orderId"] as? Int)
            let reference = lookup.reference(id, "x-cvBPrNm972504ef2dfd335596ff9")

            let queried = try await client.get("/fapi/v1/order", [("symbol", "BTCUSDT"), reference], TestVenue.alice, venue: venue)
            #expect(queried.object["orderId"] as? Int == id)
            #expect(queried.object["status"] as? String == "NEW")

            let canceled = try await client.call(.delete, "/fapi/v1/order", [("symbol", "BTCUSDT"), reference], TestVenue.alice, venue: venue)
            #expect(canceled.object["status"] as? String == "CANCELED")
            #expect(canceled.object["orderId"] as? Int == id)

            let after = try await client.get("/fapi/v1/order", [("symbol", "BTCUSDT"), reference], TestVenue.alice, venue: venue)
            #expect(after.object["status"] as? String == "CANCELED")
            let again = try await client.call(.delete, "/fapi/v1/order", [("symbol", "BTCUSDT"), reference], TestVenue.alice, venue: venue)
            #expect(again.errorCode == -2011)
        }
        try await venue.close()
    }

    @Test("a market order fills against a resting order: both sides' orders, trades and income show it")
    func marketFill() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let resting = try await client.order(TestVenue.bob, "SELL", "0.1", price: "65000", venue: venue)
            let restingId = try #require(resting.object["orderId"] as? Int)
            let market = try await client.order(TestVenue.alice, "BUY", "0.1", venue: venue)
            #expect(market.object["status"] as? String == "FILLED")
            #expect(market.object["type"] as? String == "MARKET")
            #expect(market.object["price"] as? String == "0")
            #expect(market.object["executedQty"] as? String == "0.1")
            #expect(market.object["avgPrice"] as? String == "65000")
            #expect(market.object["cumQuote"] as? String == "6500")
            let marketId = try #require(market.object["orderId"] as? Int)

            let filled = try await client.get("/fapi/v1/order", [("symbol", "BTCUSDT"), ("orderId", String(restingId))], TestVenue.bob, venue: venue)
            #expect(filled.object["status"] as? String == "FILLED")
            #expect(filled.object["cumQuote"] as? String == "6500")

            // 6 500 of value: taker fee 0.05% = 3.25, maker fee 0.02% = 1.3.
            let aliceTrades = try await client.get("/fapi/v1/userTrades", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue).rows
            #expect(aliceTrades.count == 1)
            #expect(aliceTrades.first?["orderId"] as? Int == marketId)
            #expect(aliceTrades.first?["side"] as? String == "BUY")
            #expect(aliceTrades.first?["buyer"] as? Bool == true)
            #expect(aliceTrades.first?["maker"] as? Bool == false)
            #expect(aliceTrades.first?["qty"] as? String == "0.1")
            #expect(aliceTrades.first?["quoteQty"] as? String == "6500")
            #expect(aliceTrades.first?["commission"] as? String == "3.25")
            #expect(aliceTrades.first?["commissionAsset"] as? String == "USDT")
            #expect(aliceTrades.first?["isMaker"] == nil)
            let bobTrades = try await client.get("/fapi/v1/userTrades", [("symbol", "BTCUSDT")], TestVenue.bob, venue: venue).rows
            #expect(bobTrades.first?["orderId"] as? Int == restingId)
            #expect(bobTrades.first?["side"] as? String == "SELL")
            #expect(bobTrades.first?["maker"] as? Bool == true)
            #expect(bobTrades.first?["commission"] as? String == "1.3")

            let aliceIncome = try await client.get("/fapi/v1/income", [], TestVenue.alice, venue: venue).rows
            #expect(aliceIncome.map { $0["incomeType"] as? String } == ["TRANSFER", "COMMISSION"])
            #expect(aliceIncome.map { $0["income"] as? String } == ["100000", "-3.25"])
            let bobCommission = try await client.get("/fapi/v1/income", [("incomeType", "COMMISSION")], TestVenue.bob, venue: venue).rows
            #expect(bobCommission.map { $0["income"] as? String } == ["-1.3"])
            #expect(bobCommission.first?["symbol"] as? String == "BTCUSDT")
            #expect(bobCommission.first?["tradeId"] as? String == String(bobTrades.first?["id"] as? Int ?? 0))

            // Alice closes at 65 100 against bob's bid: she realizes 0.1 × 100 = 10.
            _ = try await client.order(TestVenue.bob, "BUY", "0.1", price: "65100", venue: venue)
            _ = try await client.order(TestVenue.alice, "SELL", "0.1", venue: venue)
            let realized = try await client.get("/fapi/v1/income", [("incomeType", "REALIZED_PNL")], TestVenue.alice, venue: venue).rows
            #expect(realized.map { $0["income"] as? String } == ["10"])
            let bobRealized = try await client.get("/fapi/v1/income", [("incomeType", "REALIZED_PNL")], TestVenue.bob, venue: venue).rows
            #expect(bobRealized.map { $0["income"] as? String } == ["-10"])
        }
        try await venue.close()
    }

    @Test("open orders list only the caller's, and cancelling all empties only the caller's")
    func openOrdersAreOwn() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            _ = try await client.order(TestVenue.alice, "BUY", "0.01", price: "64000", venue: venue)
            _ = try await client.order(TestVenue.alice, "SELL", "0.01", price: "66000", venue: venue)
            _ = try await client.order(TestVenue.bob, "BUY", "0.02", price: "63000", venue: venue)
            let alices = try await client.get("/fapi/v1/openOrders", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue).rows
            #expect(alices.map { $0["price"] as? String } == ["64000", "66000"])
            let bobs = try await client.get("/fapi/v1/openOrders", [], TestVenue.bob, venue: venue).rows
            #expect(bobs.map { $0["price"] as? String } == ["63000"])

            let done = try await client.call(.delete, "/fapi/v1/allOpenOrders", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue)
            #expect(done.object["code"] as? Int == 200)
            #expect(try await client.get("/fapi/v1/openOrders", [], TestVenue.alice, venue: venue).rows.isEmpty)
            #expect(try await client.get("/fapi/v1/openOrders", [], TestVenue.bob, venue: venue).rows.count == 1)
        }
        try await venue.close()
    }

    struct ForeignCase: CustomTestStringConvertible, Sendable {
        var name: String
        var method: HTTPRequest.Method
        var code: Int
        var testDescription: String { name }
    }

    @Test(
        "another account's order is as unknown as a number never used",
        arguments: [
            ForeignCase(name: "query: -2013", method: .get, code: -2013),
            ForeignCase(name: "cancel: -2011", method: .delete, code: -2011),
        ])
    func foreignOrder(_ test: ForeignCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let bobs = try await client.order(TestVenue.bob, "BUY", "0.01", price: "64000", venue: venue)
            let id = try #require(bobs.object["orderId"] as? Int)
            let before = await venue.stateHash()
            for orderId in [String(id), "999999"] {
                let answer = try await client.call(test.method, "/fapi/v1/order", [("symbol", "BTCUSDT"), ("orderId", orderId)], TestVenue.alice, venue: venue)
                #expect(answer.errorCode == test.code, "order \(orderId)")
                #expect(answer.status == .badRequest)
            }
            let clientOrderId = try #require(bobs.object["clientOrderId"] as? String)
            let byClientId = try await client.call(
                test.method, "/fapi/v1/order", [("symbol", "BTCUSDT"), ("origClientOrderId", clientOrderId)], TestVenue.alice,
                venue: venue)
            #expect(byClientId.errorCode == test.code)
            #expect(await venue.stateHash() == before)
            let stillThere = try await client.get("/fapi/v1/order", [("symbol", "BTCUSDT"), ("orderId", String(id))], TestVenue.bob, venue: venue)
            #expect(stillThere.object["status"] as? String == "NEW")
        }
        try await venue.close()
    }
}
