import BackstopCore
import BackstopEngine
import Foundation

/// Everything `backstop serve` needs to know: where to listen, where to journal, the markets and funds
/// to list, and the keys that may trade. Read from a JSON file; every field but `markets` and
/// `adminKey` has a default.
///
/// ```json
/// {"port": 8080, "journal": "venue.sqlite", "adminKey": {"apiKey": "...", "secretKey": "..."},
///  "insuranceFunds": [...], "markets": [...],
///  "traders": [{"apiKey": "...", "secretKey": "...", "account": 1, "deposit": "10000"}]}
/// ```
public struct ServerConfiguration: Hashable, Sendable, Codable {
    /// The address to listen on; loopback unless set.
    public var host: String
    /// The port to listen on.
    public var port: Int
    /// The journal: a SQLite file or a `postgres://` URL.
    public var journal: String
    /// A snapshot of the state is stored every this many journal entries (0: never).
    public var snapshotEvery: UInt64
    /// The key of the venue's operator, for the admin API only.
    public var adminKey: KeyPair
    /// Insurance funds created at the first start, before the markets that name them.
    public var insuranceFunds: [InsuranceFundSpec]
    /// Markets listed at the first start; a market already in the journal is left as it is.
    public var markets: [MarketSpec]
    /// Trader keys known from the start, each bound to one account.
    public var traders: [TraderKey]
    /// Where keys created through the admin API are kept; none when absent (they last until restart).
    public var keyFile: String?
    /// Limits on what a request may ask.
    public var limits: RequestLimits

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, journal: String = "backstop-journal.sqlite",
        snapshotEvery: UInt64 = 10_000, adminKey: KeyPair, insuranceFunds: [InsuranceFundSpec] = [],
        markets: [MarketSpec], traders: [TraderKey] = [], keyFile: String? = nil, limits: RequestLimits = RequestLimits()
    ) {
        self.host = host
        self.port = port
        self.journal = journal
        self.snapshotEvery = snapshotEvery
        self.adminKey = adminKey
        self.insuranceFunds = insuranceFunds
        self.markets = markets
        self.traders = traders
        self.keyFile = keyFile
        self.limits = limits
    }

    enum CodingKeys: String, CodingKey {
        case host, port, journal, snapshotEvery, adminKey, insuranceFunds, markets, traders, keyFile, limits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            host: try container.decodeIfPresent(String.self, forKey: .host) ?? "127.0.0.1",
            port: try container.decodeIfPresent(Int.self, forKey: .port) ?? 8080,
            journal: try container.decodeIfPresent(String.self, forKey: .journal) ?? "backstop-journal.sqlite",
            snapshotEvery: try container.decodeIfPresent(UInt64.self, forKey: .snapshotEvery) ?? 10_000,
            adminKey: try container.decode(KeyPair.self, forKey: .adminKey),
            insuranceFunds: try container.decodeIfPresent([InsuranceFundSpec].self, forKey: .insuranceFunds) ?? [],
            markets: try container.decode([MarketSpec].self, forKey: .markets),
            traders: try container.decodeIfPresent([TraderKey].self, forKey: .traders) ?? [],
            keyFile: try container.decodeIfPresent(String.self, forKey: .keyFile),
            limits: try container.decodeIfPresent(RequestLimits.self, forKey: .limits) ?? RequestLimits())
    }

    /// Reads and checks a configuration file.
    ///
    /// - Throws: ``ConfigurationError`` naming the file and what is wrong with it.
    public static func load(_ path: String) throws -> ServerConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read '\(path)'")
        }
        let configuration: ServerConfiguration
        do {
            configuration = try JSONDecoder().decode(ServerConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError("\(path): \(error.pathDescription)")
        } catch {
            throw ConfigurationError("\(path): \(error)")
        }
        try configuration.check()
        return configuration
    }

    /// Checks what decoding alone cannot: valid markets, distinct keys and accounts.
    public func check() throws {
        for market in markets {
            do {
                _ = try market.validated()
            } catch {
                throw ConfigurationError("market \(market.symbol): \(error)")
            }
        }
        var keys: Set<String> = [adminKey.apiKey]
        for trader in traders {
            guard keys.insert(trader.apiKey).inserted else {
                throw ConfigurationError("API key '\(trader.apiKey)' is given twice")
            }
        }
        guard (1...65_535).contains(port) || port == 0 else {
            throw ConfigurationError("port \(port) is not between 1 and 65535")
        }
    }
}

/// An API key and the secret that signs its requests.
public struct KeyPair: Hashable, Sendable, Codable {
    /// Sent in the `X-MBX-APIKEY` header.
    public var apiKey: String
    /// Signs requests with HMAC-SHA256; never sent.
    public var secretKey: String

    /// Creates a key pair.
    public init(apiKey: String, secretKey: String) {
        self.apiKey = apiKey
        self.secretKey = secretKey
    }
}

/// A trader's key, the account it trades, and what that account is credited at the first start.
public struct TraderKey: Hashable, Sendable, Codable {
    /// Sent in the `X-MBX-APIKEY` header.
    public var apiKey: String
    /// Signs requests with HMAC-SHA256.
    public var secretKey: String
    /// The one account this key can see and trade.
    public var account: AccountID
    /// Credited when the account does not exist yet.
    public var deposit: Money?

    /// Creates a trader key.
    public init(apiKey: String, secretKey: String, account: AccountID, deposit: Money? = nil) {
        self.apiKey = apiKey
        self.secretKey = secretKey
        self.account = account
        self.deposit = deposit
    }

    /// The key pair alone.
    public var keyPair: KeyPair { KeyPair(apiKey: apiKey, secretKey: secretKey) }
}

/// Bounds on requests, as Binance sets them.
public struct RequestLimits: Hashable, Sendable, Codable {
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int = 65_536
    /// The largest `recvWindow` a request may give, in milliseconds (Binance: 60,000).
    public var maxReceiveWindow: Int64 = 60_000
    /// The `recvWindow` assumed when a request gives none (Binance: 5,000).
    public var defaultReceiveWindow: Int64 = 5_000
    /// How far ahead of the server's clock a request's `timestamp` may be (Binance: 1,000 ms).
    public var maxClockAhead: Int64 = 1_000

    /// The defaults.
    public init() {}
}

/// A configuration that cannot be used, with the reason.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
