import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("A market or fund spec that does not read, or that the engine refuses, is answered with its path and changes nothing")
struct AdminJSONBodyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var path = "/admin/v1/market"
        var body: String
        var contentType = "application/json"
        var code: Int
        /// A part of the message: the field's path, or the engine's words.
        var message: String
        var testDescription: String { name }
    }

    /// The quickstart's market with one field replaced or removed.
    static func sol(_ replacing: String = "", with replacement: String = "") -> String {
        let json = #"""
            {"symbol": "SOLUSDT", "baseAsset": "SOL", "tickSize": "0.01", "lotSize": "0.1",
             "riskTiers": [{"notionalFloor": "0", "maxLeverage": 20, "maintenanceMarginRate": "0.01"}]}
            """#
        return replacing.isEmpty ? json : json.replacingOccurrences(of: replacing, with: replacement)
    }

    static let cases: [Case] = [
        Case(name: "not JSON at all", body: #"{"symbol": "SOLUSDT", "#, code: -1130, message: "(body)"),
        Case(name: "an empty body", body: "", code: -1102, message: "'body'"),
        Case(name: "a JSON array", body: "[]", code: -1130, message: "(body)"),
        Case(name: "a missing field", body: sol(#""tickSize": "0.01", "#), code: -1102, message: "'tickSize'"),
        Case(
            name: "a missing field of a risk tier", body: sol(#""maxLeverage": 20, "#), code: -1102,
            message: "'riskTiers[0].maxLeverage'"),
        Case(
            name: "a price that is not a decimal", body: sol(#""0.01""#, with: #""one cent""#), code: -1130,
            message: "(tickSize): 'one cent' is not a decimal number"),
        Case(name: "a number where a list belongs", body: sol(#"[{"notionalFloor": "0", "maxLeverage": 20, "maintenanceMarginRate": "0.01"}]"#, with: "5"), code: -1130,
             message: "(riskTiers)"),
        Case(
            name: "a misspelt optional field", body: sol(#""lotSize""#, with: #""takerFee": "0.1", "lotSize""#), code: -1130,
            message: "(takerFee): unknown field"),
        Case(
            name: "a misspelt nested field", body: sol(#""lotSize""#, with: #""liquidation": {"insuranceFunds": "main"}, "lotSize""#),
            code: -1130, message: "(liquidation.insuranceFunds): unknown field"),
        Case(name: "a form body", body: sol(), contentType: "application/x-www-form-urlencoded", code: -1130, message: "(Content-Type)"),
        Case(name: "the engine refuses a zero lot", body: sol(#""0.1""#, with: #""0""#), code: -1130, message: "lotSize"),
        Case(name: "the engine refuses a second BTCUSDT", body: sol(#""SOLUSDT""#, with: #""BTCUSDT""#), code: -1130, message: "BTCUSDT"),
        Case(
            name: "the engine refuses a market behind a fund that does not exist",
            body: sol(#""lotSize""#, with: #""liquidation": {"insuranceFund": "nowhere"}, "lotSize""#), code: -1130,
            message: "nowhere"),
        Case(
            name: "a fund's account that is not a number", path: "/admin/v1/insuranceFund",
            body: #"{"name": "main", "account": "nine hundred"}"#, code: -1130, message: "(account)"),
        Case(name: "a fund without a name", path: "/admin/v1/insuranceFund", body: #"{"account": 900}"#, code: -1102, message: "'name'"),
        Case(
            name: "the engine refuses a fund on a trader's account", path: "/admin/v1/insuranceFund",
            body: #"{"name": "main", "account": 1}"#, code: -4001, message: "account 1 exists already"),
    ]

    @Test("refused with the field's path", arguments: cases)
    func refused(_ test: Case) async throws {
        let venue = try await TestVenue.make()
        let before = await venue.stateHash()
        try await venue.application().test(.router) { client in
            let response = try await client.signedJSON(test.path, body: test.body, venue: venue, contentType: test.contentType)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == test.code, "\(response.message)")
            #expect(response.message.contains(test.message), "\(response.message)")
        }
        #expect(await venue.stateHash() == before)
        try await venue.close()
    }

    @Test("the unchanged spec of these cases is accepted")
    func baselineAccepted() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.signedJSON("/admin/v1/market", body: Self.sol(), venue: venue)
            #expect(response.status == .ok, "\(response.message)")
            #expect(response.object["maxOrderQuantity"] as? String == "10000")
        }
        try await venue.close()
    }
}
