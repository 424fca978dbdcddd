import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("Each admin endpoint does its one thing and answers the engine's figures")
struct AdminEndpointTests {
    @Test("POST /admin/v1/insuranceFund creates the pool from its JSON spec and answers it empty")
    func createInsuranceFund() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue)
            #expect(response.status == .ok)
            let fund = response.object
            #expect(fund["name"] as? String == "main")
            #expect(fund["account"] as? Int == 900)
            #expect(fund["balance"] as? String == "0")
            #expect(fund["equity"] as? String == "0")
            #expect(fund["minimumBalance"] as? String == "0")
            #expect((fund["positions"] as? [Any])?.isEmpty == true)
            #expect((fund["history"] as? [Any])?.isEmpty == true)
        }
        let pool = await venue.venue.read { engine, _ in engine.insurancePool("main")?.spec }
        #expect(pool == InsuranceFundSpec(name: "main", account: 900))
        try await venue.close()
    }

    @Test("POST /admin/v1/market lists a market from its JSON spec and answers the spec with its defaults")
    func createMarket() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            _ = try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue)
            let response = try await client.signedJSON("/admin/v1/market", body: AdminFixtures.ethJSON, venue: venue)
            #expect(response.status == .ok)
            let spec = response.object
            #expect(spec["symbol"] as? String == "ETHUSDT")
            #expect(spec["quoteAsset"] as? String == "USDT")
            #expect(spec["tickSize"] as? String == "0.01")
            #expect(spec["takerFeeRate"] as? String == "0")
            #expect((spec["liquidation"] as? [String: Any])?["insuranceFund"] as? String == "main")
            #expect((spec["deleveraging"] as? [String: Any])?["policy"] as? String == "queue-binance")
            let tier = (spec["riskTiers"] as? [[String: Any]])?.first
            #expect(tier?["maxLeverage"] as? Int == 10)
            #expect(tier?["maintenanceMarginRate"] as? String == "0.05")
        }
        let listed = await venue.venue.read { engine, _ in engine.market("ETHUSDT")?.spec.liquidation.insuranceFund }
        #expect(listed == "main")
        try await venue.close()
    }

    @Test("POST /admin/v1/indexPrice moves the index and the mark, and counts what the move set off")
    func indexPrice() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            _ = try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue)
            _ = try await client.signedJSON("/admin/v1/market", body: AdminFixtures.ethJSON, venue: venue)
            let first = try await client.signed(
                .post, "/admin/v1/indexPrice", [("symbol", "ethusdt"), ("price", "1000")], key: TestVenue.admin, venue: venue)
            #expect(first.status == .ok)
            #expect(first.object["symbol"] as? String == "ETHUSDT")
            #expect(first.object["source"] as? String == "index")
            #expect(first.object["indexPrice"] as? String == "1000")
            #expect(first.object["markPrice"] as? String == "1000")
            #expect(first.object["time"] as? Int64 == TestVenue.start)
            #expect(first.object["liquidations"] as? Int == 0)
            // A second source: the index is the median of the two.
            let second = try await client.signed(
                .post, "/admin/v1/indexPrice", [("symbol", "ETHUSDT"), ("price", "1010"), ("source", "coinbase")],
                key: TestVenue.admin, venue: venue)
            #expect(second.object["source"] as? String == "coinbase")
            #expect(second.object["price"] as? String == "1010")
            #expect(second.object["indexPrice"] as? String == "1005")
            #expect(second.object["markPrice"] as? String == "1005")
        }
        try await venue.close()
    }

    struct TransferCase: CustomTestStringConvertible, Sendable {
        var name: String
        var path: String
        var account: String
        var amount: String
        var walletBalance: String
        var testDescription: String { name }
    }

    @Test(
        "deposit and withdraw credit and debit the cross balance",
        arguments: [
            TransferCase(
                name: "a deposit creates a new account", path: "/admin/v1/deposit", account: "5", amount: "250.5",
                walletBalance: "250.5"),
            TransferCase(
                name: "a deposit adds to alice's 100 000", path: "/admin/v1/deposit", account: "1", amount: "0.00000001",
                walletBalance: "100000.00000001"),
            TransferCase(
                name: "a withdrawal takes from bob's 100 000", path: "/admin/v1/withdraw", account: "2", amount: "40000",
                walletBalance: "60000"),
        ])
    func transfer(_ test: TransferCase) async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.signed(
                .post, test.path, [("account", test.account), ("amount", test.amount)], key: TestVenue.admin, venue: venue)
            #expect(response.status == .ok)
            #expect(response.object["account"] as? Int == Int(test.account))
            #expect(response.object["amount"] as? String == test.amount)
            #expect(response.object["walletBalance"] as? String == test.walletBalance)
        }
        let balance = await venue.venue.read { engine, _ in
            engine.account(AccountID(UInt64(test.account)!))?.walletBalance
        }
        #expect(balance == Money(test.walletBalance))
        try await venue.close()
    }

    @Test("POST /admin/v1/apiKey makes a random key for the account, stores it in the key file and shows it once")
    func createAPIKey() async throws {
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("backstop-keys-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: keyFile) }
        let venue = try await TestVenue.make { $0.keyFile = keyFile.path }
        let created = try await venue.application().test(.router) { client in
            var created: [(apiKey: String, secretKey: String)] = []
            for account in ["7", "1"] {
                let response = try await client.signed(
                    .post, "/admin/v1/apiKey", [("account", account)], key: TestVenue.admin, venue: venue)
                #expect(response.status == .ok)
                #expect(response.object["account"] as? Int == Int(account))
                let apiKey = try #require(response.object["apiKey"] as? String)
                let secretKey = try #require(response.object["secretKey"] as? String)
                for key in [apiKey, secretKey] {
                    #expect(key.utf8.count == 64)
                    #expect(key.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) })
                }
                created.append((apiKey, secretKey))
            }
            return created
        }
        #expect(Set(created.flatMap { [$0.apiKey, $0.secretKey] }).count == 4)
        let stored = try JSONDecoder().decode([TraderKey].self, from: Data(contentsOf: keyFile))
        #expect(stored.map(\.apiKey) == created.map(\.apiKey))
        #expect(stored.map(\.secretKey) == created.map(\.secretKey))
        #expect(stored.map(\.account) == [AccountID(7), AccountID(1)])
        // The new key signs as account 7.
        let text = "timestamp=\(venue.clock.now())"
        let parameters = try RequestParameters(
            query: text + "&signature=" + RequestAuthenticator.sign(text, secret: created[0].secretKey), body: "")
        let principal = try venue.services.authenticator.authenticate(apiKey: created[0].apiKey, parameters: parameters)
        #expect(principal == .trader(AccountID(7)))
        try await venue.close()
    }

    @Test("POST /admin/v1/funding settles a due interval and answers the settlement's figures")
    func settleFunding() async throws {
        let venue = try await TestVenue.make()
        let due = await venue.venue.read { engine, _ in engine.market("BTCUSDT")!.funding.nextFundingTime }
        try await venue.application().test(.router) { client in
            venue.clock.set(due)
            let response = try await client.signed(
                .post, "/admin/v1/funding", [("symbol", "BTCUSDT")], key: TestVenue.admin, venue: venue)
            #expect(response.status == .ok)
            #expect(response.object["symbol"] as? String == "BTCUSDT")
            #expect(response.object["fundingRate"] as? String == "0.0001")
            #expect(response.object["markPrice"] as? String == "65000")
            #expect(response.object["amount"] as? String == "0")
            #expect(response.object["payments"] as? Int == 0)
            #expect(response.object["fundingTime"] as? Int64 == due)
            #expect(response.object["nextFundingTime"] as? Int64 == due + 8 * 3_600_000)
        }
        try await venue.close()
    }

    @Test("GET /admin/v1/insuranceFund lists every pool with its balance, equity and latest ledger lines")
    func insuranceFunds() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            _ = try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue)
            _ = try await client.signedJSON(
                "/admin/v1/insuranceFund", body: #"{"name": "spare", "account": 901, "minimumBalance": "100"}"#, venue: venue)
            for amount in ["500", "250"] {
                _ = try await client.signed(
                    .post, "/admin/v1/deposit", [("account", "900"), ("amount", amount)], key: TestVenue.admin, venue: venue)
            }
            let response = try await client.signed(
                .get, "/admin/v1/insuranceFund", [("limit", "1")], key: TestVenue.admin, venue: venue)
            #expect(response.status == .ok)
            let pools = try #require(response.json as? [[String: Any]])
            #expect(pools.map { $0["name"] as? String } == ["main", "spare"])
            #expect(pools.map { $0["balance"] as? String } == ["750", "0"])
            #expect(pools.map { $0["equity"] as? String } == ["750", "0"])
            #expect(pools.map { $0["minimumBalance"] as? String } == ["0", "100"])
            let history = try #require(pools[0]["history"] as? [[String: Any]])
            #expect(history.count == 1)
            #expect(history.first?["kind"] as? String == "deposit")
            #expect(history.first?["amount"] as? String == "250")
            #expect(history.first?["balance"] as? String == "750")
        }
        try await venue.close()
    }
}
