import BackstopCore
import DequeModule

/// An insurance fund pool: its rules, the account that holds its money and positions, its ledger and
/// the equity history its window rules look at.
public struct InsurancePool: Sendable, Codable {
    /// The validated spec.
    public let spec: InsuranceFundSpec
    /// The pool's account in the engine's account table.
    public let accountIndex: Int
    /// Every inflow and outflow, oldest first.
    public internal(set) var ledger: [InsuranceFundEntry] = []
    /// The pool's equity after each change, oldest first, kept for the longest rule window.
    var equityHistory: Deque<EquitySample> = []
    /// While set and in the future, the loss-limit rule keeps the fund from taking over.
    public internal(set) var suspendedUntil: Timestamp?

    /// The pool's name.
    public var name: String { spec.name }

    /// The longest window any of the pool's rules looks back over.
    var historyWindow: Int64 { max(spec.lossWindowMilliseconds, spec.drawdownWindowMilliseconds) }

    /// Records the equity at `time` and forgets what no rule will look at again.
    mutating func recordEquity(_ equity: Money, at time: Timestamp) {
        if let last = equityHistory.last, last.time == time {
            equityHistory[equityHistory.count - 1].equity = equity
        } else {
            equityHistory.append(EquitySample(time: time, equity: equity))
        }
        while equityHistory.count > 1, equityHistory[1].time <= time - historyWindow {
            equityHistory.removeFirst()
        }
    }

    /// The equity at the start of a window ending now: the last record at or before the start, or
    /// the oldest record when none is that old.
    func equity(atStartOfWindow window: Int64, now: Timestamp) -> Money? {
        var result = equityHistory.first?.equity
        for record in equityHistory where record.time <= now - window {
            result = record.equity
        }
        return result
    }

    /// The highest equity recorded within a window ending now.
    func peakEquity(within window: Int64, now: Timestamp) -> Money? {
        equity(atStartOfWindow: window, now: now).map { start in
            equityHistory.filter { $0.time > now - window }.map(\.equity).reduce(start, max)
        }
    }
}

/// What moved money into or out of an insurance fund.
public enum InsuranceFundEntryKind: String, Hashable, Sendable, Codable {
    /// Money deposited into the fund.
    case deposit
    /// Money withdrawn from the fund.
    case withdrawal
    /// A liquidation fee (the surplus of a liquidation fill over bankruptcy, up to the fee).
    case liquidationFee
    /// Surplus beyond the fee, where the market sends it to the fund.
    case liquidationSurplus
    /// A position taken over at the bankruptcy price (the amount is the value paid or received).
    case takeover
    /// A fill of the fund's unwinding order, fee included.
    case unwind
    /// Funding paid or received on the fund's positions.
    case funding
    /// A flat account's negative balance paid off.
    case badDebt
}

/// One line of an insurance fund's ledger.
public struct InsuranceFundEntry: Hashable, Sendable, Codable {
    /// The pool.
    public var pool: String
    /// When.
    public var time: Timestamp
    /// What.
    public var kind: InsuranceFundEntryKind
    /// The change to the fund's balance (positive: inflow).
    public var amount: Money
    /// The market concerned, if any.
    public var symbol: String?
    /// The account the money came from or went to, if any.
    public var account: AccountID?
    /// The fund's balance (its cash in settlement form) afterwards.
    public var balance: Money
    /// The fund's equity afterwards: its balance plus its positions at mark.
    public var equity: Money
}

/// A fund's equity at a moment, for its drawdown rule.
struct EquitySample: Hashable, Sendable, Codable {
    var time: Timestamp
    var equity: Money
}
