import BackstopEngine
import Foundation
import HTTPTypes
import Hummingbird

/// What every route needs: the sequencer, the keys, the streams and the limits.
public struct VenueServices: Sendable {
    /// The sequencer that owns the engine.
    public let venue: Venue
    /// Checks keys and signatures.
    public let authenticator: RequestAuthenticator
    /// Delivers stream messages to WebSocket subscribers.
    public let hub: StreamHub
    /// The listen keys of user data streams.
    public let listenKeys: ListenKeys
    /// Bounds on requests.
    public var limits: RequestLimits { authenticator.limits }

    /// Bundles the services.
    public init(venue: Venue, authenticator: RequestAuthenticator, hub: StreamHub, listenKeys: ListenKeys = ListenKeys()) {
        self.venue = venue
        self.authenticator = authenticator
        self.hub = hub
        self.listenKeys = listenKeys
    }

    /// The parameters of `request`: its query string and, for a form or an untyped body, its body.
    /// A JSON body adds no parameters but is part of the signed text, after the query string.
    ///
    /// - Throws: ``APIError`` for a body over the limit or malformed parameters.
    public func parameters(of request: Request) async throws -> RequestParameters {
        let limit = limits.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.bodyTooLarge(limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError.bodyTooLarge(limit)
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            return try RequestParameters(query: request.uri.query ?? "", signedBody: String(buffer: body))
        }
        return try RequestParameters(query: request.uri.query ?? "", body: body.readableBytes == 0 ? "" : String(buffer: body))
    }

    /// The account and parameters of a signed trader request.
    ///
    /// - Throws: ``APIError`` for a bad key or signature, or the admin key (which trades nothing).
    public func trader(_ request: Request) async throws -> (account: AccountID, parameters: RequestParameters) {
        let parameters = try await parameters(of: request)
        let principal = try authenticator.authenticate(
            apiKey: request.headers[.apiKey], parameters: parameters, changesState: request.method != .get)
        guard case .trader(let account) = principal else { throw APIError.forbiddenKey }
        return (account, parameters)
    }

    /// The parameters of a signed admin request.
    ///
    /// - Throws: ``APIError`` for a bad key or signature, or any trader key.
    public func admin(_ request: Request) async throws -> RequestParameters {
        let parameters = try await parameters(of: request)
        let principal = try authenticator.authenticate(
            apiKey: request.headers[.apiKey], parameters: parameters, changesState: request.method != .get)
        guard principal == .admin else { throw APIError.forbiddenKey }
        return parameters
    }

    /// The account of a request that needs only a trader's key, unsigned (Binance's USER_STREAM).
    public func keyHolder(_ request: Request) throws -> AccountID {
        guard case .trader(let account) = try authenticator.keyHolder(apiKey: request.headers[.apiKey]) else {
            throw APIError.forbiddenKey
        }
        return account
    }

    /// The market named by the `symbol` parameter.
    ///
    /// - Throws: ``APIError`` -1102 when absent, -1121 when no market has that symbol.
    public func symbol(_ parameters: RequestParameters) async throws -> String {
        let symbol = try parameters.required("symbol").uppercased()
        guard await venue.read({ engine, _ in engine.market(symbol) != nil }) else { throw APIError.badSymbol }
        return symbol
    }
}

extension HTTPField.Name {
    /// Binance's API key header.
    public static let apiKey = HTTPField.Name("X-MBX-APIKEY")!
}
