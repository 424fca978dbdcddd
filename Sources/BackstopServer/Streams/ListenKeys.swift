import BackstopEngine
import Synchronization

/// The listen keys of the user data streams: one per account, valid for 60 minutes after it was
/// created or last kept alive, as on Binance.
public final class ListenKeys: Sendable {
    private struct Grant {
        var account: AccountID
        var expiry: Int64
    }

    private let grants = Mutex<[String: Grant]>([:])
    /// How long a key stays valid without a keep-alive, in milliseconds.
    public let lifetime: Int64

    /// Creates an empty registry.
    public init(lifetime: Int64 = 3_600_000) { self.lifetime = lifetime }

    /// The account's listen key, created when it has none that is still valid; its validity restarts.
    public func open(for account: AccountID, now: Int64) -> String {
        grants.withLock { grants in
            if let (key, _) = grants.first(where: { $0.value.account == account && $0.value.expiry >= now }) {
                grants[key]?.expiry = now + lifetime
                return key
            }
            var generator = SystemRandomNumberGenerator()
            let key = (0..<4).map { _ in
                let text = String(generator.next() as UInt64, radix: 16)
                return String(repeating: "0", count: 16 - text.count) + text
            }.joined()
            grants[key] = Grant(account: account, expiry: now + lifetime)
            return key
        }
    }

    /// Extends the account's key; false when it has none that is still valid.
    public func keepAlive(for account: AccountID, now: Int64) -> Bool {
        grants.withLock { grants in
            guard let key = grants.first(where: { $0.value.account == account && $0.value.expiry >= now })?.key else {
                return false
            }
            grants[key]?.expiry = now + lifetime
            return true
        }
    }

    /// Closes the account's keys.
    public func close(for account: AccountID) {
        grants.withLock { grants in grants = grants.filter { $0.value.account != account } }
    }

    /// The account a valid key belongs to.
    public func account(of key: String, now: Int64) -> AccountID? {
        grants.withLock { grants in grants[key].flatMap { $0.expiry >= now ? $0.account : nil } }
    }
}
