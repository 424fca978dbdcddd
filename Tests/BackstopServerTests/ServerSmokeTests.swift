import BackstopEngine
import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import BackstopServer

@Suite("The server starts from its configuration and answers in Binance's shape")
struct ServerSmokeTests {
    @Test("ping and time answer; an unknown path is a JSON error")
    func pingAndTime() async throws {
        let venue = try await TestVenue.make()
        try await venue.application().test(.router) { client in
            let ping = try await client.execute(uri: "/fapi/v1/ping", method: .get)
            #expect(ping.status == .ok)
            let time = try await client.execute(uri: "/fapi/v1/time", method: .get)
            #expect((time.json as? [String: Any])?["serverTime"] as? Int64 == TestVenue.start)
            let missing = try await client.execute(uri: "/fapi/v1/nothing", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == -1000)
        }
        try await venue.close()
    }

    @Test("the configured market and deposits are listed once: a restart on the same journal adds nothing")
    func restartListsNothingTwice() async throws {
        let first = try await TestVenue.make()
        let entries = first.server.recovered.replayed
        #expect(entries == 0)
        let journal = first.folder.appendingPathComponent("journal.sqlite").path
        try await first.server.storage.close()
        let again = try await VenueServer.start(
            ServerConfiguration(
                port: 0, journal: journal, snapshotEvery: 0, adminKey: TestVenue.admin, markets: [TestVenue.market],
                traders: [TestVenue.alice, TestVenue.bob]),
            clock: ManualClock(TestVenue.start + 1_000))
        #expect(again.recovered.replayed == 4)
        let balance = await again.services.venue.read { engine, _ in engine.account(AccountID(1))?.walletBalance }
        #expect(balance == TestVenue.alice.deposit)
        try await again.storage.close()
        try? FileManager.default.removeItem(at: first.folder)
    }

    @Test("a body over the limit is refused with 413 and -1006 before it is read whole, and changes nothing")
    func oversizedBody() async throws {
        let venue = try await TestVenue.make { $0.limits.maxBodyBytes = 1_024 }
        let before = await venue.stateHash()
        try await venue.application().test(.router) { client in
            let padding = String(repeating: "a", count: 2_000)
            let query = venue.signedQuery(
                [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "0.01"), ("price", "64000"),
                 ("timeInForce", "GTC"), ("newClientOrderId", padding)],
                key: TestVenue.alice.keyPair)
            let response = try await client.execute(
                uri: "/fapi/v1/order", method: .post,
                headers: [.apiKey: TestVenue.alice.apiKey, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: query))
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == -1006)
        }
        #expect(await venue.stateHash() == before)
        try await venue.close()
    }
}
