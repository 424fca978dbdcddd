import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A venue on a fresh SQLite journal in a temporary folder, with a manual clock, one market
/// (`BTCUSDT`, marked at 65,000) and two funded traders, `alice` (account 1) and `bob` (account 2).
struct TestVenue {
    static let start: Timestamp = 1_700_000_000_000
    static let alice = TraderKey(apiKey: "alice-key", secretKey: "alice-secret", account: AccountID(1), deposit: Money("100000")!)
    static let bob = TraderKey(apiKey: "bob-key", secretKey: "bob-secret", account: AccountID(2), deposit: Money("100000")!)
    static let admin = KeyPair(apiKey: "admin-key", secretKey: "admin-secret")

    /// The quickstart's market: tick 0.1, lot 0.001, four risk tiers up to 125x.
    static let market = MarketSpec(
        symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Price("0.1")!, lotSize: Quantity("0.001")!, minNotional: Money("5")!,
        maxOrderQuantity: Quantity("1000")!, maxPrice: Price("1000000")!,
        riskTiers: [
            RiskTier(notionalFloor: Money("0")!, maxLeverage: 125, maintenanceMarginRate: Rate("0.004")!),
            RiskTier(notionalFloor: Money("50000")!, maxLeverage: 100, maintenanceMarginRate: Rate("0.005")!),
        ],
        makerFeeRate: Rate("0.0002")!, takerFeeRate: Rate("0.0005")!, liquidationFeeRate: Rate("0.0125")!)

    let folder: URL
    let clock: ManualClock
    let server: VenueServer
    var services: VenueServices { server.services }
    var venue: Venue { server.services.venue }

    /// Starts the venue; `configure` may change the configuration first.
    static func make(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestVenue {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backstop-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = ServerConfiguration(
            port: 0, journal: folder.appendingPathComponent("journal.sqlite").path, snapshotEvery: 0, adminKey: admin,
            markets: [market], traders: [alice, bob])
        configure(&configuration)
        let clock = ManualClock(start)
        let server = try await VenueServer.start(configuration, clock: clock)
        try await server.services.venue.submit(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price("65000")!)))
        return TestVenue(folder: folder, clock: clock, server: server)
    }

    /// The application in front of the venue, for `HummingbirdTesting`.
    func application() -> some ApplicationProtocol {
        server.application(host: "127.0.0.1", port: 0)
    }

    /// Removes the journal's folder.
    func close() async throws {
        try await server.storage.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The query string of a signed request: `parameters`, then `timestamp`, then its `signature`.
    func signedQuery(_ parameters: [(String, String)], key: KeyPair, timestamp: Timestamp? = nil) -> String {
        let text = (parameters + [("timestamp", String(timestamp ?? clock.now()))])
            .map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
        return text + "&signature=" + RequestAuthenticator.sign(text, secret: key.secretKey)
    }

    /// Percent-escapes a parameter value as a form would.
    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? value
    }
}

extension TestClientProtocol {
    /// Sends a signed request with `key`, the parameters in the query string for GET and DELETE and
    /// in a form body otherwise, as ccxt does.
    func signed(
        _ method: HTTPRequest.Method, _ path: String, _ parameters: [(String, String)] = [], key: KeyPair, venue: TestVenue
    ) async throws -> TestResponse {
        let query = venue.signedQuery(parameters, key: key)
        var headers: HTTPFields = [.apiKey: key.apiKey]
        if method == .get || method == .delete {
            return try await execute(uri: path + "?" + query, method: method, headers: headers, body: nil)
        }
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: query))
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: Any { (try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed])) ?? NSNull() }
    /// The Binance error code of the body, if it is an error.
    var errorCode: Int? { (json as? [String: Any])?["code"] as? Int }
}
