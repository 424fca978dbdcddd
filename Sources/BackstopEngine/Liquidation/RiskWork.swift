import OrderedCollections

/// What one risk pass looked at.
public struct RiskPassReport: Hashable, Sendable {
    /// Entries taken off the liquidation indexes because the mark reached them (stale ones included).
    public internal(set) var triggersReached = 0
    /// Accounts checked against maintenance margin and re-indexed.
    public internal(set) var accountsChecked = 0
}

/// What a command left for the risk pass that follows it: accounts whose balances or positions
/// changed and markets whose mark price moved. Empty between commands.
struct RiskWork: Sendable {
    /// Accounts to re-index and check, in the order they were touched.
    var accounts = OrderedSet<Int>()
    /// Markets whose mark price changed, in order.
    var repricedMarkets: [Int] = []

    mutating func touch(_ account: Int) { accounts.append(account) }

    mutating func reprice(_ market: Int) {
        if !repricedMarkets.contains(market) { repricedMarkets.append(market) }
    }

    var isEmpty: Bool { accounts.isEmpty && repricedMarkets.isEmpty }
}
