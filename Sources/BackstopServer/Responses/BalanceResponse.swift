import BackstopCore
import BackstopEngine

/// A row of Binance's `balance` (v2 and v3): the settlement asset's balances.
struct BalanceResponse: Encodable, Sendable {
    var asset: String
    var balance: String
    var crossWalletBalance: String
    var crossUnPnl: String
    var availableBalance: String
    var maxWithdrawAmount: String
    var marginAvailable = true
    var updateTime: Timestamp

    init(_ figures: AccountFigures, asset: String, updateTime: Timestamp) {
        self.asset = asset
        balance = figures.walletBalance.description
        crossWalletBalance = figures.crossWalletBalance.description
        crossUnPnl = figures.crossUnrealizedProfit.description
        availableBalance = figures.availableBalance.description
        maxWithdrawAmount = figures.maxWithdrawAmount.description
        self.updateTime = updateTime
    }
}
