import BackstopCore

/// The ADL indicator of every open position in one market, in account order: a collection of
/// ``DeleveragingIndicator``s built on demand from each side's scores, ranks and quantiles, so that a
/// refresh of a million positions does not write a million indicators.
public struct DeleveragingIndicators: RandomAccessCollection, Sendable {
    /// The market.
    public let symbol: String
    let longs: Standing
    let shorts: Standing
    /// Each position in account order: its index in its side, the high bit set for a short.
    private let order: [UInt32]

    init(symbol: String, longs: Standing, shorts: Standing) {
        self.symbol = symbol
        self.longs = longs
        self.shorts = shorts
        // An account holds one side of a market, so merging the two account-ordered sides orders all.
        var order: [UInt32] = []
        order.reserveCapacity(longs.count + shorts.count)
        var (long, short) = (0, 0)
        while long < longs.count || short < shorts.count {
            if short == shorts.count || (long < longs.count && longs.account(long) < shorts.account(short)) {
                order.append(UInt32(long))
                long += 1
            } else {
                order.append(1 << 31 | UInt32(short))
                short += 1
            }
        }
        self.order = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> DeleveragingIndicator {
        let entry = order[position]
        return entry >> 31 == 0 ? longs.indicator(Int(entry)) : shorts.indicator(Int(entry & 0x7FFF_FFFF))
    }

    /// Where each position of one side stands: its score, rank and quantile, readable in account order.
    struct Standing: Sendable {
        let side: Side
        private(set) var accounts: [AccountID] = []
        private(set) var scores: [Score] = []
        /// 1 for the first in line.
        private var ranks: [Int32] = []
        private var quantiles: [Int8] = []
        /// Positions in account order (`nil` when they already are).
        private var byAccount: [Int]?

        init(side: Side) { self.side = side }

        var count: Int { accounts.count }

        mutating func reserveCapacity(_ capacity: Int) {
            accounts.reserveCapacity(capacity)
            scores.reserveCapacity(capacity)
        }

        /// Adds a position, in the order of the holders.
        mutating func append(_ score: Score, account: AccountID) {
            scores.append(score)
            accounts.append(account)
        }

        /// Ranks the positions: descending score, equal scores by ascending account; the quantile
        /// counts the positions ranked strictly lower.
        mutating func rank(policy: DeleveragingPolicyName) {
            precondition(accounts.count < 1 << 31, "too many positions")
            let ascending = ScoreOrder.ascending(scores, accounts: accounts)
            let count = ascending.count
            ranks = [Int32](repeating: 0, count: count)
            quantiles = [Int8](repeating: 0, count: count)
            var below = 0
            for (position, index) in ascending.enumerated() {
                if position > 0, scores[ascending[position - 1]] < scores[index] { below = position }
                quantiles[index] = Int8(Engine.quantile(below: below, of: count, policy: policy))
                ranks[index] = Int32(count - position)
            }
            let accounts = accounts
            byAccount = accounts.indices.dropFirst().allSatisfy { accounts[$0 - 1] < accounts[$0] }
                ? nil : accounts.indices.sorted { accounts[$0] < accounts[$1] }
        }

        /// The account of the `position`-th holder in account order.
        func account(_ position: Int) -> AccountID { accounts[byAccount?[position] ?? position] }

        /// The indicator of the `position`-th holder in account order.
        func indicator(_ position: Int) -> DeleveragingIndicator {
            let index = byAccount?[position] ?? position
            let quantile = Int(quantiles[index])
            return DeleveragingIndicator(
                account: accounts[index], side: side, quantile: quantile, lights: quantile + 1, score: scores[index],
                rank: Int(ranks[index]), of: count)
        }
    }
}
