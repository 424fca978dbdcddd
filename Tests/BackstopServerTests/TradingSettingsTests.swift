import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("Leverage, margin type and isolated margin are changed as Binance's endpoints change them")
struct TradingSettingsTests {
    struct LeverageCase: CustomTestStringConvertible, Sendable {
        var name: String
        var leverage: String
        /// The answer's `maxNotionalValue`, or the refusal's code.
        var maxNotional: String?
        var code: Int?
        var testDescription: String { name }
    }

    @Test(
        "leverage",
        arguments: [
            LeverageCase(name: "10x: every tier allows it, so the engine's cap", leverage: "10", maxNotional: "90000000000"),
            LeverageCase(name: "110x: only the first tier, up to 50 000", leverage: "110", maxNotional: "50000"),
            LeverageCase(name: "126x: above every tier", leverage: "126", code: -4028),
            LeverageCase(name: "0x: not a leverage", leverage: "0", code: -1100),
        ])
    func leverage(_ test: LeverageCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let before = await venue.stateHash()
            let answer = try await client.call(
                .post, "/fapi/v1/leverage", [("symbol", "BTCUSDT"), ("leverage", test.leverage)], TestVenue.alice, venue: venue)
            if let code = test.code {
                #expect(answer.errorCode == code)
                #expect(await venue.stateHash() == before)
            } else {
                #expect(answer.object["leverage"] as? Int == Int(test.leverage))
                #expect(answer.object["maxNotionalValue"] as? String == test.maxNotional)
                #expect(answer.object["symbol"] as? String == "BTCUSDT")
                let risk = try await client.get("/fapi/v2/positionRisk", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue).rows
                #expect(risk.first?["leverage"] as? String == test.leverage)
            }
        }
        try await venue.close()
    }

    enum Holding: Sendable {
        case nothing, position, openOrder
    }

    struct MarginTypeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var holding: Holding = .nothing
        var marginType: String
        var code: Int?
        var msg: String?
        var testDescription: String { name }
    }

    @Test(
        "marginType",
        arguments: [
            MarginTypeCase(name: "to isolated", marginType: "ISOLATED"),
            MarginTypeCase(name: "to cross when cross already", marginType: "CROSSED", code: -4046, msg: "No need to change margin type."),
            MarginTypeCase(
                name: "with a position open", holding: .position, marginType: "ISOLATED", code: -4048,
                msg: "Margin type cannot be changed if there exists position."),
            MarginTypeCase(
                name: "with an open order", holding: .openOrder, marginType: "ISOLATED", code: -4047,
                msg: "Margin type cannot be changed if there exists open orders."),
            MarginTypeCase(name: "an unknown margin type", marginType: "HEDGED", code: -1130),
        ])
    func marginType(_ test: MarginTypeCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            switch test.holding {
            case .nothing: break
            case .position:
                _ = try await client.order(TestVenue.bob, "SELL", "0.1", price: "65000", venue: venue)
                _ = try await client.order(TestVenue.alice, "BUY", "0.1", venue: venue)
            case .openOrder:
                _ = try await client.order(TestVenue.alice, "BUY", "0.01", price: "64000", venue: venue)
            }
            let before = await venue.stateHash()
            let answer = try await client.call(
                .post, "/fapi/v1/marginType", [("symbol", "BTCUSDT"), ("marginType", test.marginType)], TestVenue.alice, venue: venue)
            if let code = test.code {
                #expect(answer.errorCode == code)
                if let msg = test.msg { #expect(answer.object["msg"] as? String == msg) }
                #expect(await venue.stateHash() == before)
            } else {
                #expect(answer.object["code"] as? Int == 200)
                #expect(answer.object["msg"] as? String == "success")
                let risk = try await client.get("/fapi/v2/positionRisk", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue).rows
                #expect(risk.first?["marginType"] as? String == "isolated")
            }
        }
        try await venue.close()
    }

    @Test("positionMargin moves margin into and out of an isolated position, and refuses a cross one")
    func positionMargin() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let crossOnly = try await client.call(
                .post, "/fapi/v1/positionMargin", [("symbol", "BTCUSDT"), ("amount", "100"), ("type", "1")], TestVenue.alice,
                venue: venue)
            #expect(crossOnly.errorCode == -4052)
            _ = try await client.call(.post, "/fapi/v1/marginType", [("symbol", "BTCUSDT"), ("marginType", "ISOLATED")], TestVenue.alice, venue: venue)
            _ = try await client.order(TestVenue.bob, "SELL", "0.1", price: "65000", venue: venue)
            _ = try await client.order(TestVenue.alice, "BUY", "0.1", venue: venue)
            // Opening 6 500 at 20x puts 325 in the isolated wallet; the taker fee 3.25 comes out of it.
            let opened = try await client.get("/fapi/v3/positionRisk", [], TestVenue.alice, venue: venue).rows
            let wallet = try #require(opened.first?["isolatedWallet"] as? String)
            let added = try await client.call(
                .post, "/fapi/v1/positionMargin", [("symbol", "BTCUSDT"), ("amount", "100"), ("type", "1")], TestVenue.alice,
                venue: venue)
            #expect(added.object["code"] as? Int == 200)
            #expect(added.object["type"] as? Int == 1)
            #expect((added.object["amount"] as? NSNumber)?.intValue == 100)
            _ = try await client.call(
                .post, "/fapi/v1/positionMargin", [("symbol", "BTCUSDT"), ("amount", "40"), ("type", "2")], TestVenue.alice,
                venue: venue)
            let after = try await client.get("/fapi/v3/positionRisk", [], TestVenue.alice, venue: venue).rows
            #expect(after.first?["isolatedWallet"] as? String == (Money(wallet)! + Money("60")!).description)
            #expect(after.first?["isolatedMargin"] as? String != "0")
        }
        try await venue.close()
    }

    @Test("leverageBracket lists the market's tiers as numbers, with their maintenance amounts")
    func leverageBracket() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let all = try await client.get("/fapi/v1/leverageBracket", [], TestVenue.alice, venue: venue).rows
            #expect(all.map { $0["symbol"] as? String } == ["BTCUSDT"])
            let one = try await client.get("/fapi/v1/leverageBracket", [("symbol", "BTCUSDT")], TestVenue.alice, venue: venue).object
            let brackets = try #require(one["brackets"] as? [[String: Any]])
            #expect(brackets.map { ($0["initialLeverage"] as? NSNumber)?.intValue } == [125, 100])
            #expect(brackets.map { ($0["notionalFloor"] as? NSNumber)?.intValue } == [0, 50000])
            #expect(brackets.map { ($0["notionalCap"] as? NSNumber)?.int64Value } == [50000, 90_000_000_000])
            #expect(brackets.map { ($0["maintMarginRatio"] as? NSNumber)?.doubleValue } == [0.004, 0.005])
            // cum of the second tier: 50 000 × (0.005 − 0.004) = 50.
            #expect(brackets.map { ($0["cum"] as? NSNumber)?.intValue } == [0, 50])
        }
        try await venue.close()
    }
}
