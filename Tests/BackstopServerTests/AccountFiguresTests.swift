import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("Account, balance and positionRisk report the engine's figures in exact decimals")
struct AccountFiguresTests {
    /// Alice buys 0.1 at 65 000 from bob's resting offer (alice pays the 3.25 taker fee, bob the 1.3
    /// maker fee), both at the default 20x, then the mark moves to 66 000.
    static func opened() async throws -> TestVenue {
        let venue = try await TestVenue.make { $0.markets[0].markPrice = MarkPriceSpec(method: .index) }
        try await venue.application().test(.router) { client in
            _ = try await client.order(TestVenue.bob, "SELL", "0.1", price: "65000", venue: venue)
            _ = try await client.order(TestVenue.alice, "BUY", "0.1", venue: venue)
        }
        try await venue.moveIndex(to: "66000")
        return venue
    }

    struct PositionCase: CustomTestStringConvertible, Sendable {
        var name: String
        var trader: TraderKey
        var expected: [String: String]
        var testDescription: String { name }
    }

    @Test(
        "positionRisk v3",
        arguments: [
            // Notional 0.1 × 66 000 = 6 600; initial margin 6 600 / 20 = 330; maintenance 6 600 × 0.4% = 26.4.
            // Alice's cash backs her long with 93 496.75 > 0, so no positive price liquidates her.
            PositionCase(
                name: "alice long 0.1 from 65 000", trader: TestVenue.alice,
                expected: [
                    "positionAmt": "0.1", "entryPrice": "65000", "markPrice": "66000", "unRealizedProfit": "100",
                    "notional": "6600", "liquidationPrice": "0", "isolatedMargin": "0", "isolatedWallet": "0",
                    "initialMargin": "330", "maintMargin": "26.4", "positionInitialMargin": "330",
                    "openOrderInitialMargin": "0", "marginAsset": "USDT", "positionSide": "BOTH",
                ]),
            // Bob's cash is 100 000 − 1.3 + 6 500 = 106 498.7. The short's liquidation price falls in
            // the second tier (MMR 0.5%, cum 50): (106 498.7 + 50) / (0.1 × 1.005) = 1 060 186.06965174.
            PositionCase(
                name: "bob short 0.1 from 65 000", trader: TestVenue.bob,
                expected: [
                    "positionAmt": "-0.1", "entryPrice": "65000", "markPrice": "66000", "unRealizedProfit": "-100",
                    "notional": "-6600", "liquidationPrice": "1060186.06965174", "isolatedMargin": "0",
                    "initialMargin": "330", "maintMargin": "26.4",
                ]),
        ])
    func positionRisk(_ test: PositionCase) async throws {
        let venue = try await Self.opened()
        try await venue.application().test(.router) { client in
            let rows = try await client.get("/fapi/v3/positionRisk", [], test.trader, venue: venue).rows
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            for (field, value) in test.expected.sorted(by: { $0.key < $1.key }) {
                #expect(row[field] as? String == value, "\(field)")
            }
            #expect(row["leverage"] == nil)
            #expect((row["updateTime"] as? Int64 ?? 0) > TestVenue.start)
            #expect((0...4).contains(row["adl"] as? Int ?? -1))
            let v2 = try await client.get("/fapi/v2/positionRisk", [], test.trader, venue: venue).rows
            #expect(v2.first?["leverage"] as? String == "20")
            #expect(v2.first?["marginType"] as? String == "cross")
            #expect(v2.first?["maxNotionalValue"] as? String == "90000000000")
        }
        try await venue.close()
    }

    @Test("account v3: totals and the asset entry for alice's long")
    func account() async throws {
        let venue = try await Self.opened()
        try await venue.application().test(.router) { client in
            for path in ["/fapi/v3/account", "/fapi/v2/account"] {
                let account = try await client.get(path, [], TestVenue.alice, venue: venue).object
                // Wallet 100 000 − 3.25; margin balance + 100 unrealized; available = 100 096.75 − 330.
                let expected = [
                    "totalWalletBalance": "99996.75", "totalUnrealizedProfit": "100", "totalMarginBalance": "100096.75",
                    "totalInitialMargin": "330", "totalMaintMargin": "26.4", "totalPositionInitialMargin": "330",
                    "totalOpenOrderInitialMargin": "0", "totalCrossWalletBalance": "99996.75", "totalCrossUnPnl": "100",
                    "availableBalance": "99766.75", "maxWithdrawAmount": "99766.75",
                ]
                for (field, value) in expected.sorted(by: { $0.key < $1.key }) {
                    #expect(account[field] as? String == value, "\(path) \(field)")
                }
                let assets = try #require(account["assets"] as? [[String: Any]])
                #expect(assets.count == 1)
                #expect(assets.first?["asset"] as? String == "USDT")
                #expect(assets.first?["availableBalance"] as? String == "99766.75")
                #expect(assets.first?["initialMargin"] as? String == "330")
                #expect(assets.first?["marginBalance"] as? String == "100096.75")
                #expect((assets.first?["updateTime"] as? Int64 ?? 0) > 0)
                let positions = try #require(account["positions"] as? [[String: Any]])
                #expect(positions.first?["positionAmt"] as? String == "0.1")
                #expect(positions.first?["notional"] as? String == "6600")
            }
            let balance = try await client.get("/fapi/v3/balance", [], TestVenue.bob, venue: venue).rows
            #expect(balance.first?["asset"] as? String == "USDT")
            #expect(balance.first?["balance"] as? String == "99998.7")
            #expect(balance.first?["crossUnPnl"] as? String == "-100")
        }
        try await venue.close()
    }

    @Test("an open order reserves margin: 0.1 bid at 64 000 at 20x reserves 320")
    func openOrderMargin() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            _ = try await client.order(TestVenue.alice, "BUY", "0.1", price: "64000", venue: venue)
            let account = try await client.get("/fapi/v3/account", [], TestVenue.alice, venue: venue).object
            #expect(account["totalOpenOrderInitialMargin"] as? String == "320")
            #expect(account["availableBalance"] as? String == "99680")
            let rows = try await client.get("/fapi/v3/positionRisk", [], TestVenue.alice, venue: venue).rows
            #expect(rows.first?["entryPrice"] as? String == "0")
            #expect(rows.first?["bidNotional"] as? String == "6400")
            #expect(rows.first?["openOrderInitialMargin"] as? String == "320")
        }
        try await venue.close()
    }

    @Test("a trader with a key and no deposit yet sees zeros, not an error")
    func unfunded() async throws {
        let dave = TraderKey(apiKey: "dave-key", secretKey: "dave-secret", account: AccountID(4))
        let venue = try await TestVenue.make { $0.traders.append(dave) }
        try await venue.application().test(.router) { client in
            let account = try await client.get("/fapi/v3/account", [], dave, venue: venue).object
            #expect(account["totalWalletBalance"] as? String == "0")
            #expect(account["availableBalance"] as? String == "0")
            #expect(try await client.get("/fapi/v3/positionRisk", [], dave, venue: venue).rows.isEmpty)
            #expect(try await client.get("/fapi/v2/balance", [], dave, venue: venue).rows.first?["balance"] as? String == "0")
        }
        try await venue.close()
    }
}
