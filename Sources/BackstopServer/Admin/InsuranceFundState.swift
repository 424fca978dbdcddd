import BackstopCore
import BackstopEngine

/// An insurance fund pool as the admin API and the operator's page show it.
public struct InsuranceFundState: Encodable, Sendable {
    /// A position the fund took over and has not unwound yet.
    public struct FundPosition: Encodable, Sendable {
        /// The market.
        public var symbol: String
        /// Signed: positive for a long.
        public var positionAmt: Quantity
        /// The average price it was taken over at.
        public var entryPrice: Price?
        /// The market's mark price.
        public var markPrice: Price?
        /// `positionAmt × mark − cost`, rounded against the fund.
        public var unrealizedProfit: Money?
    }

    /// The pool's name, which markets name as their fund.
    public var name: String
    /// The account that holds the pool.
    public var account: AccountID
    /// Its cash.
    public var balance: Money
    /// Its cash plus its positions at mark.
    public var equity: Money
    /// The equity below which it refuses takeovers.
    public var minimumBalance: Money
    /// While in the future, the loss-limit rule keeps it from taking over.
    public var suspendedUntil: Timestamp?
    /// Positions it took over and has not unwound yet.
    public var positions: [FundPosition]
    /// Its latest ledger lines, oldest first.
    public var history: [InsuranceFundEntry]

    /// The pool's state in `engine`, with its last `historyLimit` ledger lines.
    public init(_ pool: InsurancePool, engine: Engine, historyLimit: Int) {
        let account = engine.accounts[pool.accountIndex]
        name = pool.name
        self.account = account.id
        balance = account.cash
        equity = engine.fundEquity(pool)
        minimumBalance = pool.spec.minimumBalance
        suspendedUntil = pool.suspendedUntil
        positions = account.positions.filter { !$0.quantity.isZero }.map { position in
            let mark = engine.markets[position.market].markPrice
            return FundPosition(
                symbol: engine.markets[position.market].symbol, positionAmt: position.quantity, entryPrice: position.entryPrice,
                markPrice: mark,
                unrealizedProfit: mark.map { MarginMath.unrealizedPnL(quantity: position.quantity, cost: position.cost, mark: $0) })
        }
        history = Array(pool.ledger.suffix(historyLimit))
    }
}
