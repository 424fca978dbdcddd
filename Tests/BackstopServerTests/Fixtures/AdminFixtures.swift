import BackstopCore
import BackstopEngine
import BackstopServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Named fixtures of the admin API and dashboard tests: a fund and a market for a crash, as the
/// operator sends them in JSON, and helpers to send signed JSON bodies.
enum AdminFixtures {
    /// The fund "main" at account 900: no rule but a zero minimum balance.
    static let fundJSON = #"{"name": "main", "account": 900}"#

    /// A market behind "main", marked at the index itself so that prices in a test are exact:
    /// tick 0.01, lot 0.01, one tier at 10x with 5% maintenance, no trading fee, a 50% price band.
    static let ethJSON = #"""
        {"symbol": "ETHUSDT", "baseAsset": "ETH", "tickSize": "0.01", "lotSize": "0.01", "minNotional": "1",
         "maxOrderQuantity": "10000", "maxPrice": "100000",
         "riskTiers": [{"notionalFloor": "0", "maxLeverage": 10, "maintenanceMarginRate": "0.05"}],
         "makerFeeRate": "0", "takerFeeRate": "0", "liquidationFeeRate": "0.01",
         "markPrice": {"method": "index"}, "priceBand": "0.5", "liquidation": {"insuranceFund": "main"}}
        """#

    /// Carol, the crash's victim, and dave, a second short.
    static let carol = AccountID(3)
    static let dave = AccountID(4)
}

extension TestClientProtocol {
    /// Sends `body` as JSON with the signature parameters in the query string, signed as the admin
    /// API asks: the query string (without `signature`) followed by the body. `signedBody` signs
    /// another body than the one sent (a body changed after signing).
    func signedJSON(
        _ path: String, body: String, key: KeyPair = TestVenue.admin, venue: TestVenue,
        contentType: String = "application/json", signedBody: String? = nil
    ) async throws -> TestResponse {
        let query = "timestamp=\(venue.clock.now())"
        let signature = RequestAuthenticator.sign(query + (signedBody ?? body), secret: key.secretKey)
        let headers: HTTPFields = [.apiKey: key.apiKey, .contentType: contentType]
        return try await execute(
            uri: path + "?" + query + "&signature=" + signature, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    /// The body's `msg`, for errors.
    var message: String { object["msg"] as? String ?? "" }
}

extension FixedPointDecimal {
    /// The value of a decimal literal that a test knows to be valid.
    static func decimal(_ text: String) -> Self { Self(text)! }
}
