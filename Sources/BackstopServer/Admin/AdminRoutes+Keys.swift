import BackstopEngine
import Hummingbird

extension AdminRoutes {
    /// `POST /admin/v1/apiKey` with `account`: creates a trader key for the account, stores it in
    /// the key file (when the venue has one) before answering, and answers the key and its secret.
    /// The secret is shown this once; the venue keeps it only to verify signatures.
    ///
    /// The account need not exist yet (a deposit creates it); an insurance fund's account is refused.
    static func createAPIKey(_ request: Request, services: VenueServices) async throws -> Response {
        let parameters = try await services.admin(request)
        let account = try accountParameter(parameters)
        let role = await services.venue.read { engine, _ in engine.account(account)?.role }
        guard role == nil || role == .trader else {
            throw APIError.badValue("account", "account \(account) is run by the engine and cannot have a key")
        }
        var generator = SystemRandomNumberGenerator()
        let key = TraderKey(
            apiKey: KeyGenerator.key(using: &generator), secretKey: KeyGenerator.key(using: &generator), account: account)
        let added: Bool
        do {
            added = try services.authenticator.keys.add(key)
        } catch {
            throw APIError.unknown("The key file cannot be written: \(error)")
        }
        guard added else { throw APIError.unknown("The generated key exists already; ask again.") }
        return try JSONResponse.make(APIKeyAnswer(apiKey: key.apiKey, secretKey: key.secretKey, account: account))
    }
}

/// A new trader key, answered once.
struct APIKeyAnswer: Encodable, Sendable {
    /// Sent in the `X-MBX-APIKEY` header.
    var apiKey: String
    /// Signs the key's requests; not shown again.
    var secretKey: String
    /// The one account the key trades.
    var account: AccountID
}
