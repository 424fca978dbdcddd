import BackstopCore

/// Who an account belongs to.
public enum AccountRole: String, Hashable, Sendable, Codable {
    /// A trader (a vault that trades is a trader too).
    case trader
    /// An insurance fund pool, run by the engine: it takes over positions and unwinds them, and
    /// accepts deposits and withdrawals, but places no orders of its own accord.
    case insuranceFund
}

/// A trader's account: a cross balance and one position slot per market it has used.
///
/// Balances are kept in settlement form, as dYdX keeps its quote balance: a fill moves its exact
/// value between the buyer's and the seller's balances, so the sum of all balances only changes by
/// deposits and withdrawals. Binance's wallet balance is derived from it (``Account/walletBalance``).
public struct Account: Hashable, Sendable, Codable {
    /// The account's number.
    public let id: AccountID
    /// A trader's account, or one the engine runs (an insurance fund).
    public let role: AccountRole
    /// Bad debt left on the cross balance that no fund could cover, as reported in ``BadDebt`` events
    /// (each isolated position keeps its own, ``Position/reportedShortfall``).
    public internal(set) var reportedShortfall: Money = .zero
    /// The cross balance in settlement form: deposits − withdrawals − value of cross positions bought
    /// + value sold − fees ± funding ± transfers to isolated positions.
    public internal(set) var cash: Money = .zero
    /// The market of the account's latest fill: where a flat cross balance's bad debt came from.
    public internal(set) var lastFilledMarket: Int?
    /// Position slots, one per market the account has used, ordered by market.
    public internal(set) var positions: [Position] = []

    init(id: AccountID, role: AccountRole = .trader) {
        self.id = id
        self.role = role
    }

    /// The slot for a market, if the account has used it.
    public func position(market: Int) -> Position? {
        positions.first { $0.market == market }
    }

    func positionIndex(market: Int) -> Int? {
        positions.firstIndex { $0.market == market }
    }

    /// Binance's cross wallet balance: cash plus the cost of cross positions (realized PnL, no uPnL).
    public var walletBalance: Money {
        positions.reduce(cash) { sum, position in
            position.marginMode == .cross ? sum + position.cost : sum
        }
    }
}
