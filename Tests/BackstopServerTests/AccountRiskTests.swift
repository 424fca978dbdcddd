import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("Liquidations and deleveraging closes appear in forceOrders, with the ADL quantiles behind them")
struct AccountRiskTests {
    /// Carol (1 000 deposited) buys 0.1 at 65 000 from bob's offer at 20x and pays the 3.25 taker
    /// fee: her cash is 1 000 − 3.25 − 6 500 = −5 503.25, so her bankruptcy price is 55 032.5 and her
    /// liquidation price 5 503.25 / (0.1 × 0.996) = 55 253.51.
    static func carolLong() async throws -> TestVenue {
        let venue = try await TestVenue.makeCrashable()
        try await venue.application().test(.router) { client in
            _ = try await client.order(TestVenue.bob, "SELL", "0.1", price: "65000", venue: venue)
            let bought = try await client.order(TestVenue.carol, "BUY", "0.1", venue: venue)
            #expect(bought.object["status"] as? String == "FILLED")
        }
        return venue
    }

    struct Expected: Sendable {
        var trader: TraderKey
        var autoCloseType: String
        var side: String
        var price: String
        var avgPrice: String
        var clientOrderId: @Sendable (Int) -> String
    }

    struct CrashCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Alice's bid, resting before the crash (placed with the mark at 57 000).
        var aliceBid: String?
        var crashTo: String
        var expected: [Expected]
        var testDescription: String { name }
    }

    static let crashes = [
        // The liquidation's IOC sells 0.1 at the bankruptcy price 55 032.5 and fills at alice's 55 100.
        CrashCase(
            name: "the book takes the liquidation: carol has one LIQUIDATION close, nobody an ADL one",
            aliceBid: "55100", crashTo: "55200",
            expected: [
                Expected(
                    trader: TestVenue.carol, autoCloseType: "LIQUIDATION", side: "SELL", price: "55032.5", avgPrice: "55100",
                    clientOrderId: { "autoclose-\($0)" })
            ]),
        // No bids, and the fund holds nothing: taking 0.1 over at 55 032.5 with the mark at 50 000
        // would leave it at −503.25, so it refuses, and bob's short is closed against carol at the
        // bankruptcy price.
        CrashCase(
            name: "no book and an empty fund: carol is liquidated through ADL, bob is auto-deleveraged",
            aliceBid: nil, crashTo: "50000",
            expected: [
                Expected(
                    trader: TestVenue.carol, autoCloseType: "LIQUIDATION", side: "SELL", price: "55032.5", avgPrice: "55032.5",
                    clientOrderId: { "autoclose-\($0)" }),
                Expected(
                    trader: TestVenue.bob, autoCloseType: "ADL", side: "BUY", price: "55032.5", avgPrice: "55032.5",
                    clientOrderId: { _ in "adl_autoclose" }),
            ]),
    ]

    @Test("crash", arguments: crashes)
    func crash(_ test: CrashCase) async throws {
        let venue = try await Self.carolLong()
        try await venue.moveIndex(to: "57000")
        try await venue.application().test(.router) { client in
            if let bid = test.aliceBid {
                let placed = try await client.order(TestVenue.alice, "BUY", "0.1", price: bid, venue: venue)
                #expect(placed.object["status"] as? String == "NEW")
            }
        }
        try await venue.moveIndex(to: test.crashTo)
        try await venue.application().test(.router) { client in
            for trader in [TestVenue.alice, TestVenue.bob, TestVenue.carol] {
                let all = try await client.get("/fapi/v1/forceOrders", [], trader, venue: venue).rows
                let expected = test.expected.filter { $0.trader == trader }
                #expect(all.count == expected.count, "\(trader.apiKey): \(all)")
                for close in expected {
                    let rows = try await client.get(
                        "/fapi/v1/forceOrders", [("autoCloseType", close.autoCloseType)], trader, venue: venue
                    ).rows
                    #expect(rows.count == 1)
                    let row = try #require(rows.first)
                    let id = try #require(row["orderId"] as? Int)
                    #expect(row["clientOrderId"] as? String == close.clientOrderId(id))
                    #expect(row["side"] as? String == close.side)
                    #expect(row["price"] as? String == close.price)
                    #expect(row["avgPrice"] as? String == close.avgPrice)
                    #expect(row["origQty"] as? String == "0.1")
                    #expect(row["executedQty"] as? String == "0.1")
                    #expect(row["status"] as? String == "FILLED")
                    #expect(row["symbol"] as? String == "BTCUSDT")
                    let other = close.autoCloseType == "ADL" ? "LIQUIDATION" : "ADL"
                    let none = try await client.get("/fapi/v1/forceOrders", [("autoCloseType", other)], trader, venue: venue).rows
                    #expect(none.count == expected.filter { $0.autoCloseType == other }.count)
                    let trades = try await client.get("/fapi/v1/userTrades", [("symbol", "BTCUSDT")], trader, venue: venue).rows
                    #expect(trades.last?["orderId"] as? Int == id, "the close's fill carries the forced order's number")
                    #expect(trades.last?["side"] as? String == close.side)
                }
            }
            let carol = try await client.get("/fapi/v3/positionRisk", [], TestVenue.carol, venue: venue).rows
            #expect(carol.isEmpty, "carol is flat")
        }
        try await venue.close()
    }

    @Test("the liquidation fee taken from the book's surplus is carol's INSURANCE_CLEAR income")
    func liquidationFeeIncome() async throws {
        let venue = try await Self.carolLong()
        try await venue.moveIndex(to: "57000")
        try await venue.application().test(.router) { client in
            _ = try await client.order(TestVenue.alice, "BUY", "0.1", price: "55100", venue: venue)
        }
        try await venue.moveIndex(to: "55200")
        try await venue.application().test(.router) { client in
            // Surplus 0.1 × (55 100 − 55 032.5) = 6.75, below the 1.25% fee (68.875): all of it is taken.
            let clears = try await client.get("/fapi/v1/income", [("incomeType", "INSURANCE_CLEAR")], TestVenue.carol, venue: venue).rows
            #expect(clears.map { $0["income"] as? String } == ["-6.75"])
            // Her income adds up to her wallet: 1 000 − 3.25 fee − 990 realized (0.1 × (55 100 − 65 000))
            // − 6.75 = 0.
            let income = try await client.get("/fapi/v1/income", [], TestVenue.carol, venue: venue).rows
            let total = income.reduce(Money.zero) { $0 + Money($1["income"] as? String ?? "")! }
            let wallet = await venue.venue.read { engine, _ in engine.account(TestVenue.carol.account)!.walletBalance }
            #expect(total == wallet)
        }
        try await venue.close()
    }

    @Test("adlQuantile gives each open position the engine's quantile on its own side and as BOTH")
    func adlQuantile() async throws {
        let venue = try await Self.carolLong()
        try await venue.application().test(.router) { client in
            for trader in [TestVenue.bob, TestVenue.carol] {
                let rows = try await client.get("/fapi/v1/adlQuantile", [], trader, venue: venue).rows
                let indicator = try #require(
                    await venue.venue.read { engine, _ in engine.deleveragingIndicator(account: trader.account, symbol: "BTCUSDT") })
                #expect(rows.count == 1)
                #expect(rows.first?["symbol"] as? String == "BTCUSDT")
                let quantiles = try #require(rows.first?["adlQuantile"] as? [String: Int])
                #expect(quantiles["BOTH"] == indicator.quantile)
                #expect(quantiles[indicator.side == .buy ? "LONG" : "SHORT"] == indicator.quantile)
                #expect(quantiles[indicator.side == .buy ? "SHORT" : "LONG"] == 0)
            }
            #expect(try await client.get("/fapi/v1/adlQuantile", [], TestVenue.alice, venue: venue).rows.isEmpty)
        }
        try await venue.close()
    }
}
