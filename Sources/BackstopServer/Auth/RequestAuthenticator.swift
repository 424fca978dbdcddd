import BackstopEngine
import Crypto
import Foundation

/// Checks a signed request as Binance does: the `X-MBX-APIKEY` header names a known key, the
/// `timestamp` is within `recvWindow` of the server's clock, and `signature` is the HMAC-SHA256 of
/// the query string followed by the body, keyed with the key's secret, in hex. A signed request that
/// changes something is accepted once: sent again, it is refused as a replay. A read may come twice:
/// repeating it changes nothing and shows only what its signer may see, and an honest client that
/// polls faster than its millisecond clock ticks sends identical reads (ccxt's nonce is that clock).
public struct RequestAuthenticator: Sendable {
    /// The known keys.
    public let keys: KeyStore
    /// Bounds on `recvWindow` and the clock.
    public let limits: RequestLimits
    /// The server's clock.
    public let clock: any VenueClock
    /// Refuses a signature seen before.
    public let replays: ReplayGuard

    /// Creates an authenticator.
    public init(keys: KeyStore, limits: RequestLimits, clock: any VenueClock, replays: ReplayGuard = ReplayGuard()) {
        self.keys = keys
        self.limits = limits
        self.clock = clock
        self.replays = replays
    }

    /// The principal of a request that only needs a known key (Binance's USER_STREAM endpoints).
    ///
    /// - Throws: ``APIError`` -2014 or -2015 for a missing, malformed or unknown key.
    public func keyHolder(apiKey: String?) throws(APIError) -> Principal {
        try lookup(apiKey).principal
    }

    /// The principal of a signed request.
    ///
    /// - Parameter changesState: true for a request that acts (Binance's POST, PUT and DELETE): its
    ///   signature is then accepted once.
    /// - Throws: ``APIError``: -2014/-2015 for the key, -1102 for a missing `timestamp` or
    ///   `signature`, -1021 for a stale or future timestamp, -1022 for a wrong or reused signature.
    public func authenticate(apiKey: String?, parameters: RequestParameters, changesState: Bool = true) throws(APIError)
        -> Principal
    {
        let (secret, principal) = try lookup(apiKey)
        guard let timestampText = parameters["timestamp"] else { throw APIError.missing("timestamp") }
        guard let timestamp = Int64(timestampText) else {
            throw APIError.illegalCharacters("timestamp", "expected milliseconds since the epoch")
        }
        let window = try parameters.integer("recvWindow", in: 1...limits.maxReceiveWindow) ?? limits.defaultReceiveWindow
        guard let signature = parameters.signature, !signature.isEmpty else { throw APIError.missing("signature") }
        let now = clock.now()
        guard timestamp <= now + limits.maxClockAhead else {
            throw APIError.staleTimestamp("The timestamp is \(timestamp - now) ms ahead of the server's time.")
        }
        guard timestamp >= now - window else {
            throw APIError.staleTimestamp("The request was signed at \(timestamp), before \(now - window): recvWindow is \(window) ms.")
        }
        let expected = HMAC<SHA256>.authenticationCode(for: Array(parameters.signedText.utf8), using: SymmetricKey(data: secret))
        guard Self.constantTimeEqual(Array(signature.lowercased().utf8), Array(Self.hex(expected).utf8)) else {
            throw APIError.badSignature
        }
        guard !changesState || replays.admit(signature.lowercased(), expiry: timestamp + window, now: now) else {
            throw APIError.replayed
        }
        return principal
    }

    private func lookup(_ apiKey: String?) throws(APIError) -> (secret: [UInt8], principal: Principal) {
        guard let apiKey, !apiKey.isEmpty else { throw APIError.unauthorized }
        guard apiKey.utf8.count <= 128, apiKey.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw APIError.badKeyFormat
        }
        guard let found = keys.lookup(apiKey) else { throw APIError.forbiddenKey }
        return found
    }

    /// The lowercase hex of a message authentication code.
    public static func hex(_ code: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in code {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Signs `text` as a client would: the hex HMAC-SHA256 keyed with `secret`.
    public static func sign(_ text: String, secret: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: Array(secret.utf8))))
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
