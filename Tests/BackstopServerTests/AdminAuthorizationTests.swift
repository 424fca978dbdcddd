import BackstopCore
import BackstopEngine
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BackstopServer

@Suite("Only the admin key's signature opens the admin API, and a refusal changes nothing")
struct AdminAuthorizationTests {
    /// One admin endpoint, called with valid parameters.
    struct Endpoint: CustomTestStringConvertible, Sendable {
        var name: String
        var method: HTTPRequest.Method = .post
        var path: String
        var parameters: [(String, String)] = []
        /// Sent as a JSON body instead of parameters.
        var json: String?
        var testDescription: String { name }

        func send(_ client: some TestClientProtocol, key: KeyPair, venue: TestVenue) async throws -> TestResponse {
            if let json {
                return try await client.signedJSON(path, body: json, key: key, venue: venue)
            }
            return try await client.signed(method, path, parameters, key: key, venue: venue)
        }
    }

    static let endpoints: [Endpoint] = [
        Endpoint(name: "create a market", path: "/admin/v1/market", json: AdminFixtures.ethJSON),
        Endpoint(name: "create an insurance fund", path: "/admin/v1/insuranceFund", json: AdminFixtures.fundJSON),
        Endpoint(name: "list the insurance funds", method: .get, path: "/admin/v1/insuranceFund"),
        Endpoint(name: "set an index price", path: "/admin/v1/indexPrice", parameters: [("symbol", "BTCUSDT"), ("price", "1")]),
        Endpoint(name: "deposit", path: "/admin/v1/deposit", parameters: [("account", "1"), ("amount", "1000000")]),
        Endpoint(name: "withdraw", path: "/admin/v1/withdraw", parameters: [("account", "1"), ("amount", "100000")]),
        Endpoint(name: "create an API key", path: "/admin/v1/apiKey", parameters: [("account", "1")]),
        Endpoint(name: "settle funding", path: "/admin/v1/funding", parameters: [("symbol", "BTCUSDT")]),
    ]

    @Test("a trader's key is refused with -2015 on every admin endpoint, and neither the state nor the keys change",
          arguments: endpoints)
    func traderKeyRefused(_ endpoint: Endpoint) async throws {
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("backstop-keys-\(UUID().uuidString).json")
        let venue = try await TestVenue.make { $0.keyFile = keyFile.path }
        // Funding is due, so that only the key stands in the way.
        let due = await venue.venue.read { engine, _ in engine.market("BTCUSDT")!.funding.nextFundingTime }
        venue.clock.set(due)
        let before = await venue.stateHash()
        try await venue.application().test(.router) { client in
            let response = try await endpoint.send(client, key: TestVenue.alice.keyPair, venue: venue)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == -2015)
        }
        #expect(await venue.stateHash() == before)
        #expect(!FileManager.default.fileExists(atPath: keyFile.path))
        try await venue.close()
    }

    @Test("the admin key passes on the same requests (the refusals above are the key's doing)", arguments: endpoints)
    func adminKeyAccepted(_ endpoint: Endpoint) async throws {
        let venue = try await TestVenue.make()
        let due = await venue.venue.read { engine, _ in engine.market("BTCUSDT")!.funding.nextFundingTime }
        venue.clock.set(due)
        try await venue.application().test(.router) { client in
            if endpoint.path == "/admin/v1/market" {
                _ = try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue)
            }
            let response = try await endpoint.send(client, key: TestVenue.admin, venue: venue)
            #expect(response.status == .ok, "\(response.message)")
        }
        try await venue.close()
    }

    struct SignatureCase: CustomTestStringConvertible, Sendable {
        var name: String
        var expected: Int
        var send: @Sendable (any TestClientProtocol, TestVenue) async throws -> TestResponse
        var testDescription: String { name }
    }

    static let signatureCases: [SignatureCase] = [
        SignatureCase(name: "no key header", expected: -1002) { client, venue in
            try await client.execute(
                uri: "/admin/v1/deposit?" + venue.signedQuery([("account", "1"), ("amount", "5")], key: TestVenue.admin),
                method: .post, headers: [:], body: nil)
        },
        SignatureCase(name: "an unknown key", expected: -2015) { client, venue in
            try await client.signed(
                .post, "/admin/v1/deposit", [("account", "1"), ("amount", "5")],
                key: KeyPair(apiKey: "mallory-key", secretKey: "admin-secret"), venue: venue)
        },
        SignatureCase(name: "no signature", expected: -1102) { client, venue in
            try await client.execute(
                uri: "/admin/v1/deposit?account=1&amount=5&timestamp=\(venue.clock.now())", method: .post,
                headers: [.apiKey: TestVenue.admin.apiKey], body: nil)
        },
        SignatureCase(name: "the admin key signed with another secret", expected: -1022) { client, venue in
            try await client.signed(
                .post, "/admin/v1/deposit", [("account", "1"), ("amount", "5")],
                key: KeyPair(apiKey: TestVenue.admin.apiKey, secretKey: "guess"), venue: venue)
        },
        SignatureCase(name: "a form body changed after signing", expected: -1022) { client, venue in
            let signed = venue.signedQuery([("account", "1"), ("amount", "5")], key: TestVenue.admin)
            return try await client.execute(
                uri: "/admin/v1/deposit", method: .post,
                headers: [.apiKey: TestVenue.admin.apiKey, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: signed.replacingOccurrences(of: "amount=5", with: "amount=500000")))
        },
        SignatureCase(name: "a JSON body changed after signing", expected: -1022) { client, venue in
            try await client.signedJSON(
                "/admin/v1/insuranceFund", body: #"{"name": "main", "account": 901}"#, venue: venue,
                signedBody: AdminFixtures.fundJSON)
        },
        SignatureCase(name: "a JSON body left out of the signature", expected: -1022) { client, venue in
            try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue, signedBody: "")
        },
        SignatureCase(name: "a request older than its receive window", expected: -1021) { client, venue in
            let query = venue.signedQuery([("account", "1"), ("amount", "5")], key: TestVenue.admin, timestamp: TestVenue.start - 5_001)
            return try await client.execute(
                uri: "/admin/v1/deposit?" + query, method: .post, headers: [.apiKey: TestVenue.admin.apiKey], body: nil)
        },
    ]

    @Test("a missing, wrong or stale signature is refused and changes nothing", arguments: signatureCases)
    func badSignature(_ test: SignatureCase) async throws {
        let venue = try await TestVenue.make()
        let before = await venue.stateHash()
        try await venue.application().test(.router) { client in
            let response = try await test.send(client, venue)
            #expect(response.errorCode == test.expected, "\(response.message)")
        }
        #expect(await venue.stateHash() == before)
        try await venue.close()
    }

    @Test("a signed admin request sent twice is acted on once")
    func replayRefused() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let query = venue.signedQuery([("account", "1"), ("amount", "5")], key: TestVenue.admin)
            let first = try await client.execute(
                uri: "/admin/v1/deposit?" + query, method: .post, headers: [.apiKey: TestVenue.admin.apiKey], body: nil)
            #expect(first.status == .ok)
            let before = await venue.stateHash()
            let again = try await client.execute(
                uri: "/admin/v1/deposit?" + query, method: .post, headers: [.apiKey: TestVenue.admin.apiKey], body: nil)
            #expect(again.errorCode == -1022)
            #expect(await venue.stateHash() == before)
        }
        let balance = await venue.venue.read { engine, _ in engine.account(AccountID(1))?.walletBalance }
        #expect(balance == Money("100005"))
        try await venue.close()
    }
}
