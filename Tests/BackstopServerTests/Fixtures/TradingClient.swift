import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Shorthands for the trading and account tests: placing orders as a trader and reading answers.
extension TestClientProtocol {
    /// A signed request for `key`, a millisecond after the previous one, so that no two requests
    /// carry the same signature (a repeated one is refused as a replay).
    func call(
        _ method: HTTPRequest.Method, _ path: String, _ parameters: [(String, String)] = [], _ key: TraderKey, venue: TestVenue
    ) async throws -> TestResponse {
        venue.clock.advance(1)
        return try await signed(method, path, parameters, key: key.keyPair, venue: venue)
    }

    /// Places an order for `key`; `extra` parameters follow the usual ones.
    func order(
        _ key: TraderKey, _ side: String, _ quantity: String, price: String? = nil, type: String? = nil,
        _ extra: [(String, String)] = [], venue: TestVenue
    ) async throws -> TestResponse {
        var parameters = [("symbol", "BTCUSDT"), ("side", side), ("type", type ?? (price == nil ? "MARKET" : "LIMIT")),
                          ("quantity", quantity)]
        if let price { parameters += [("price", price), ("timeInForce", "GTC")] }
        return try await call(.post, "/fapi/v1/order", parameters + extra, key, venue: venue)
    }

    /// A signed GET for `key`.
    func get(_ path: String, _ parameters: [(String, String)] = [], _ key: TraderKey, venue: TestVenue) async throws -> TestResponse {
        try await call(.get, path, parameters, key, venue: venue)
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    /// The body as a JSON array of objects.
    var rows: [[String: Any]] { json as? [[String: Any]] ?? [] }
}

extension TestVenue {
    /// The engine's state hash now.
    func stateHash() async -> String { await venue.read { engine, _ in engine.stateHash } }

    /// Moves the index (and, with the index method, the mark) to `price`, a millisecond later.
    func moveIndex(to price: String) async throws {
        clock.advance(1)
        try await venue.submit(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: Price(price)!)))
    }

    /// A third trader, `carol` (account 3), with a small balance: the one a crash liquidates.
    static let carol = TraderKey(apiKey: "carol-key", secretKey: "carol-secret", account: AccountID(3), deposit: Money("1000")!)

    /// The market valued at the index itself, so that a test's index move is the mark, behind an
    /// insurance fund "main" (account 900) that holds nothing; carol trades too.
    static func makeCrashable() async throws -> TestVenue {
        try await make { configuration in
            configuration.insuranceFunds = [InsuranceFundSpec(name: "main", account: 900)]
            configuration.markets[0].markPrice = MarkPriceSpec(method: .index)
            configuration.markets[0].liquidation = LiquidationSpec(insuranceFund: "main")
            configuration.traders.append(carol)
        }
    }
}
