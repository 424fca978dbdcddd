import BackstopCore
import BackstopEngine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import BackstopServer

@Suite("Every signed trading and account endpoint refuses a request that is not properly signed")
struct TradingAuthTests {
    struct Endpoint: CustomTestStringConvertible, Sendable {
        var method: HTTPRequest.Method
        var path: String
        var parameters: [(String, String)]
        var testDescription: String { "\(method) \(path)" }
    }

    static let symbol = [("symbol", "BTCUSDT")]

    static let endpoints = [
        Endpoint(
            method: .post, path: "/fapi/v1/order",
            parameters: symbol + [("side", "BUY"), ("type", "LIMIT"), ("quantity", "0.01"), ("price", "64000"), ("timeInForce", "GTC")]),
        Endpoint(method: .get, path: "/fapi/v1/order", parameters: symbol + [("orderId", "1")]),
        Endpoint(method: .delete, path: "/fapi/v1/order", parameters: symbol + [("orderId", "1")]),
        Endpoint(method: .get, path: "/fapi/v1/openOrders", parameters: symbol),
        Endpoint(method: .delete, path: "/fapi/v1/allOpenOrders", parameters: symbol),
        Endpoint(method: .post, path: "/fapi/v1/leverage", parameters: symbol + [("leverage", "10")]),
        Endpoint(method: .post, path: "/fapi/v1/marginType", parameters: symbol + [("marginType", "ISOLATED")]),
        Endpoint(method: .post, path: "/fapi/v1/positionMargin", parameters: symbol + [("amount", "10"), ("type", "1")]),
        Endpoint(method: .get, path: "/fapi/v1/leverageBracket", parameters: []),
        Endpoint(method: .get, path: "/fapi/v2/account", parameters: []),
        Endpoint(method: .get, path: "/fapi/v3/account", parameters: []),
        Endpoint(method: .get, path: "/fapi/v2/balance", parameters: []),
        Endpoint(method: .get, path: "/fapi/v3/balance", parameters: []),
        Endpoint(method: .get, path: "/fapi/v2/positionRisk", parameters: []),
        Endpoint(method: .get, path: "/fapi/v3/positionRisk", parameters: []),
        Endpoint(method: .get, path: "/fapi/v1/userTrades", parameters: symbol),
        Endpoint(method: .get, path: "/fapi/v1/income", parameters: []),
        Endpoint(method: .get, path: "/fapi/v1/forceOrders", parameters: []),
        Endpoint(method: .get, path: "/fapi/v1/adlQuantile", parameters: []),
    ]

    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var key: KeyPair = TestVenue.alice.keyPair
        /// Milliseconds before the server's time.
        var age: Int64 = 0
        /// The signature sent: none, or one made with this secret.
        var signingSecret: String?
        var code: Int
        var testDescription: String { name }
    }

    static let refusals = [
        Refusal(name: "no signature: -1102", signingSecret: nil, code: -1102),
        Refusal(name: "a wrong signature: -1022", signingSecret: "not-alice-secret", code: -1022),
        Refusal(name: "a stale timestamp: -1021", age: 10_000, signingSecret: TestVenue.alice.secretKey, code: -1021),
        Refusal(name: "the admin key: -2015", key: TestVenue.admin, signingSecret: TestVenue.admin.secretKey, code: -2015),
    ]

    @Test("refuses", arguments: endpoints, refusals)
    func refuses(_ endpoint: Endpoint, _ refusal: Refusal) async throws {
        let venue = try await TestVenue.make()
        let before = await venue.stateHash()
        try await venue.application().test(.router) { client in
            let text = (endpoint.parameters + [("timestamp", String(venue.clock.now() - refusal.age))])
                .map { "\($0.0)=\(TestVenue.escape($0.1))" }.joined(separator: "&")
            let query = refusal.signingSecret.map { text + "&signature=" + RequestAuthenticator.sign(text, secret: $0) } ?? text
            var headers: HTTPFields = [.apiKey: refusal.key.apiKey]
            let answer: TestResponse
            if endpoint.method == .get || endpoint.method == .delete {
                answer = try await client.execute(uri: endpoint.path + "?" + query, method: endpoint.method, headers: headers, body: nil)
            } else {
                headers[.contentType] = "application/x-www-form-urlencoded"
                answer = try await client.execute(
                    uri: endpoint.path, method: endpoint.method, headers: headers, body: ByteBuffer(string: query))
            }
            #expect(answer.errorCode == refusal.code, "\(answer.object)")
        }
        #expect(await venue.stateHash() == before)
        try await venue.close()
    }

    @Test(
        "listenKey needs a trader's key, and nothing else",
        arguments: [HTTPRequest.Method.post, .put, .delete])
    func listenKeyNeedsKey(_ method: HTTPRequest.Method) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let none = try await client.execute(uri: "/fapi/v1/listenKey", method: method)
            #expect(none.errorCode == -1002)
            let admin = try await client.execute(uri: "/fapi/v1/listenKey", method: method, headers: [.apiKey: TestVenue.admin.apiKey])
            #expect(admin.errorCode == -2015)
        }
        try await venue.close()
    }

    @Test("listenKey: opened, kept alive with the same key, closed, then unknown to a keep-alive")
    func listenKeyLifecycle() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let headers: HTTPFields = [.apiKey: TestVenue.alice.apiKey]
            let opened = try await client.execute(uri: "/fapi/v1/listenKey", method: .post, headers: headers)
            let key = try #require(opened.object["listenKey"] as? String)
            let again = try await client.execute(uri: "/fapi/v1/listenKey", method: .post, headers: headers)
            #expect(again.object["listenKey"] as? String == key)
            let kept = try await client.execute(uri: "/fapi/v1/listenKey", method: .put, headers: headers)
            #expect(kept.object["listenKey"] as? String == key)
            let closed = try await client.execute(uri: "/fapi/v1/listenKey", method: .delete, headers: headers)
            #expect(closed.status == .ok)
            let stale = try await client.execute(uri: "/fapi/v1/listenKey", method: .put, headers: headers)
            #expect(stale.errorCode == -1125)
        }
        try await venue.close()
    }
}
