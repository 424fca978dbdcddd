import BackstopEngine
import Foundation
import Synchronization

/// The API keys the venue knows: the admin key and the trader keys, each bound to one account.
///
/// Keys from the configuration are known from the start; keys created through the admin API are
/// added to the key file, when there is one, before they are handed out, so that they survive a
/// restart.
public final class KeyStore: Sendable {
    private struct Entry: Sendable {
        var secret: [UInt8]
        var principal: Principal
    }

    private let entries: Mutex<[String: Entry]>
    private let created: Mutex<[TraderKey]>
    private let file: String?

    /// Loads the configured keys and those of the key file.
    ///
    /// - Throws: ``ConfigurationError`` when the key file exists but cannot be read, or repeats a key.
    public init(admin: KeyPair, traders: [TraderKey], file: String?) throws {
        var entries: [String: Entry] = [admin.apiKey: Entry(secret: Array(admin.secretKey.utf8), principal: .admin)]
        var stored: [TraderKey] = []
        if let file, let data = FileManager.default.contents(atPath: file) {
            do {
                stored = try JSONDecoder().decode([TraderKey].self, from: data)
            } catch {
                throw ConfigurationError("\(file): \(error)")
            }
        }
        for trader in traders + stored {
            guard entries[trader.apiKey] == nil else {
                throw ConfigurationError("API key '\(trader.apiKey)' is given twice")
            }
            entries[trader.apiKey] = Entry(secret: Array(trader.secretKey.utf8), principal: .trader(trader.account))
        }
        self.entries = Mutex(entries)
        self.created = Mutex(stored)
        self.file = file
    }

    /// The secret and the principal of `apiKey`, if it is known.
    public func lookup(_ apiKey: String) -> (secret: [UInt8], principal: Principal)? {
        entries.withLock { $0[apiKey].map { ($0.secret, $0.principal) } }
    }

    /// Adds a trader key, writing the key file first when there is one.
    ///
    /// - Returns: false when the key exists already (nothing changes).
    public func add(_ key: TraderKey) throws -> Bool {
        try created.withLock { created in
            guard lookup(key.apiKey) == nil else { return false }
            if let file {
                let data = try JSONEncoder().encode(created + [key])
                try data.write(to: URL(fileURLWithPath: file), options: .atomic)
            }
            created.append(key)
            entries.withLock { $0[key.apiKey] = Entry(secret: Array(key.secretKey.utf8), principal: .trader(key.account)) }
            return true
        }
    }
}
