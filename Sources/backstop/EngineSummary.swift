import BackstopCore
import BackstopEngine

/// The final state in brief, as `backstop apply --summary` prints it.
struct EngineSummary: Encodable {
    struct MarketSummary: Encodable {
        var symbol: String
        var markPrice: Price?
        var openInterest: Quantity
        var restingOrders: Int
    }

    var stateHash: String
    var time: Int64
    var commands: Int
    var rejected: Int
    var accounts: Int
    var markets: [MarketSummary]
    var feeBalance: Money
    var insuranceFund: Money
    var totalDeposits: Money
    var totalWithdrawals: Money
    var invariantViolations: [String]

    init(engine: Engine, commands: Int, rejected: Int) {
        stateHash = engine.stateHash
        time = engine.time
        self.commands = commands
        self.rejected = rejected
        accounts = engine.accounts.count
        markets = engine.markets.map {
            MarketSummary(
                symbol: $0.symbol, markPrice: $0.markPrice, openInterest: engine.openInterest($0.symbol),
                restingOrders: $0.book.orderCount)
        }
        feeBalance = engine.feeBalance
        insuranceFund = engine.insuranceFund
        totalDeposits = engine.totalDeposits
        totalWithdrawals = engine.totalWithdrawals
        invariantViolations = engine.invariantViolations().map(\.description)
    }
}
