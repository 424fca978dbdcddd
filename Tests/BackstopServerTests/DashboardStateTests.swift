import BackstopCore
import BackstopEngine
import Foundation
import HummingbirdTesting
import Testing

@testable import BackstopServer

@Suite("The operator's page and the state it polls")
struct DashboardStateTests {
    /// A crash on ETHUSDT: carol (1 000 of margin) is long 10 at 1 000 from bob (13 short) and dave
    /// (2 short); alice is long 5 from bob. The index falls to 880: carol's bankruptcy price is 900,
    /// the book is empty and the fund "main" holds 10, too little to take 10 over at 900 against a
    /// mark of 880 (a loss of 200), so deleveraging closes bob, first in the queue, for 10 at 900.
    ///
    /// - Returns: the answer to the index price that crashed the market.
    static func crash(_ client: some TestClientProtocol, _ venue: TestVenue) async throws -> TestResponse {
        func admin(_ path: String, _ parameters: [(String, String)]) async throws {
            let response = try await client.signed(.post, path, parameters, key: TestVenue.admin, venue: venue)
            #expect(response.status == .ok, "\(path): \(response.message)")
        }
        func order(_ account: AccountID, _ side: Side, _ quantity: String, limit price: String?) async throws {
            let events = try await venue.venue.submit(
                .placeOrder(
                    PlaceOrder(
                        account: account, symbol: "ETHUSDT", side: side, type: price == nil ? .market : .limit,
                        price: price.map { Price($0)! }, quantity: Quantity(quantity)!)))
            if case .rejected(let rejection) = events.first { Issue.record("order refused: \(rejection.message)") }
        }
        #expect(try await client.signedJSON("/admin/v1/insuranceFund", body: AdminFixtures.fundJSON, venue: venue).status == .ok)
        #expect(try await client.signedJSON("/admin/v1/market", body: AdminFixtures.ethJSON, venue: venue).status == .ok)
        try await admin("/admin/v1/deposit", [("account", "900"), ("amount", "10")])
        try await admin("/admin/v1/deposit", [("account", "3"), ("amount", "1000")])
        try await admin("/admin/v1/deposit", [("account", "4"), ("amount", "100000")])
        try await admin("/admin/v1/indexPrice", [("symbol", "ETHUSDT"), ("price", "1000")])
        try await order(TestVenue.alice.account, .buy, "5", limit: "1000")
        try await order(AdminFixtures.carol, .buy, "10", limit: "1000")
        try await order(TestVenue.bob.account, .sell, "13", limit: nil)
        try await order(AdminFixtures.dave, .sell, "2", limit: nil)
        venue.clock.advance(1_000)
        return try await client.signed(
            .post, "/admin/v1/indexPrice", [("symbol", "ETHUSDT"), ("price", "880")], key: TestVenue.admin, venue: venue)
    }

    @Test("after a crash the state lists the liquidation, the deleveraging round and the queue by quantile")
    func stateAfterCrash() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let crash = try await Self.crash(client, venue)
            #expect(crash.object["markPrice"] as? String == "880")
            #expect(crash.object["liquidations"] as? Int == 1)
            #expect(crash.object["deleveragingRounds"] as? Int == 1)

            let response = try await client.execute(uri: "/dashboard/v1/state", method: .get)
            #expect(response.status == .ok)
            let state = response.object
            #expect(state["engineTime"] as? Int64 == TestVenue.start + 1_000)
            #expect(state["positionsAsOf"] as? Int64 == TestVenue.start + 1_000)

            let markets = try #require(state["markets"] as? [[String: Any]])
            #expect(markets.map { $0["symbol"] as? String } == ["BTCUSDT", "ETHUSDT"])
            let eth = markets[1]
            #expect(eth["markPrice"] as? String == "880")
            #expect(eth["indexPrice"] as? String == "880")
            #expect(eth["openInterest"] as? String == "5")
            #expect(eth["openInterestNotional"] as? String == "4400")
            #expect(eth["insuranceFund"] as? String == "main")
            #expect(eth["deleveragingPolicy"] as? String == "queue-binance")
            #expect(eth["adlRisk"] as? String == "high")
            #expect(markets[0]["markPrice"] as? String == "65000")

            let funds = try #require(state["insuranceFunds"] as? [[String: Any]])
            #expect(funds.map { $0["name"] as? String } == ["main"])
            #expect(funds.first?["balance"] as? String == "10")

            let events = try #require(state["riskEvents"] as? [[String: Any]])
            #expect(events.map { $0["kind"] as? String } == ["deleveraged", "liquidationStep", "liquidationStarted"])
            #expect(events.map { $0["id"] as? Int } == [3, 2, 1])
            let round = events[0]
            #expect(round["time"] as? Int64 == TestVenue.start + 1_000)
            #expect(round["account"] as? Int == 3)
            #expect(round["symbol"] as? String == "ETHUSDT")
            #expect(round["side"] as? String == "LONG")
            #expect(round["quantity"] as? String == "10")
            #expect(round["price"] as? String == "900")
            #expect(round["markPrice"] as? String == "880")
            #expect(round["policy"] as? String == "queue-binance")
            #expect(round["amount"] as? String == "200")
            let absorbers = try #require(round["absorbers"] as? [[String: Any]])
            #expect(absorbers.count == 1)
            #expect(absorbers.first?["kind"] as? String == "counterparty")
            #expect(absorbers.first?["account"] as? Int == 2)
            #expect(absorbers.first?["quantity"] as? String == "10")
            #expect(absorbers.first?["price"] as? String == "900")
            #expect(absorbers.first?["amount"] as? String == "200")
            let step = events[1]
            #expect(step["quantity"] as? String == "10")
            #expect(step["price"] as? String == "900")
            #expect((step["absorbers"] as? [Any])?.isEmpty == true)

            let queues = try #require(state["deleveragingQueues"] as? [[String: Any]])
            #expect(queues.map { $0["symbol"] as? String } == ["BTCUSDT", "ETHUSDT"])
            func buckets(_ side: String) -> [String] {
                ((queues[1][side] as? [[String: Any]]) ?? []).map {
                    "\($0["quantile"] as? Int ?? -1):\($0["positions"] as? Int ?? -1):\($0["notional"] as? String ?? "")"
                }
            }
            // Alice alone is long; bob (3 left) ranks above dave (2) among the shorts.
            #expect(buckets("longs") == ["0:1:4400", "1:0:0", "2:0:0", "3:0:0", "4:0:0"])
            #expect(buckets("shorts") == ["0:1:1760", "1:0:0", "2:1:2640", "3:0:0", "4:0:0"])
        }
        try await venue.close()
    }

    @Test("the state carries no key or secret")
    func noSecrets() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            _ = try await client.signed(.post, "/admin/v1/apiKey", [("account", "1")], key: TestVenue.admin, venue: venue)
            let response = try await client.execute(uri: "/dashboard/v1/state", method: .get)
            let text = String(buffer: response.body)
            for secret in [TestVenue.admin.apiKey, TestVenue.admin.secretKey, TestVenue.alice.apiKey, TestVenue.alice.secretKey,
                           "apiKey", "secretKey"] {
                #expect(!text.contains(secret), "\(secret)")
            }
        }
        try await venue.close()
    }

    @Test("GET / is the self-contained page with its landmarks, and it polls the state")
    func page() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: response.body)
            for landmark in [
                "<!DOCTYPE html>", "<title>Backstop risk</title>", #"id="markets""#, #"id="insurance-funds""#,
                #"id="adl-queues""#, #"id="risk-events""#, #"id="status""#, "fetch(\"/dashboard/v1/state\"", "POLL_MS = 1000",
            ] {
                #expect(html.contains(landmark), "\(landmark)")
            }
            for external in ["http://", "https://", "src=", "<link", "@import"] {
                #expect(!html.contains(external), "\(external)")
            }
        }
        try await venue.close()
    }

    struct CacheCase: CustomTestStringConvertible, Sendable {
        var name: String
        var commands: UInt64
        var elapsed: Int64
        var recomputed: Bool
        var testDescription: String { name }
    }

    @Test(
        "the per-position figures are computed at most once a second, and only after a change",
        arguments: [
            CacheCase(name: "nothing changed, a minute later", commands: 1, elapsed: 60_000, recomputed: false),
            CacheCase(name: "a command, 999 ms later", commands: 2, elapsed: 999, recomputed: false),
            CacheCase(name: "a command, a second later", commands: 2, elapsed: 1_000, recomputed: true),
        ])
    func cache(_ test: CacheCase) {
        let cache = MarketRiskCache()
        var engine = Engine()
        let first = cache.figures(engine: engine, commands: 1, now: 10_000)
        #expect(first.computedAt == 10_000)
        _ = engine.apply(Command(time: 20, .deposit(Deposit(account: AccountID(1), amount: .decimal("1")))))
        let second = cache.figures(engine: engine, commands: test.commands, now: 10_000 + test.elapsed)
        #expect(second.computedAt == (test.recomputed ? 10_000 + test.elapsed : 10_000))
        #expect(second.engineTime == (test.recomputed ? 20 : 0))
        #expect(second.commands == (test.recomputed ? test.commands : 1))
    }
}
