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
    struct FundSummary: Encodable {
        var name: String
        var balance: Money
        var equity: Money
        var ledgerEntries: Int
    }

    var feeBalance: Money
    var insuranceFunds: [FundSummary]
    var deleveragingRequests: Int
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
        insuranceFunds = engine.insurancePools.map {
            FundSummary(
                name: $0.name, balance: engine.accounts[$0.accountIndex].cash, equity: engine.fundEquity($0),
                ledgerEntries: $0.ledger.count)
        }
        deleveragingRequests = engine.deleveragingRequests.count
        totalDeposits = engine.totalDeposits
        totalWithdrawals = engine.totalWithdrawals
        invariantViolations = engine.invariantViolations().map(\.description)
    }
}
