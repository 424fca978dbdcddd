import BackstopCore
import BackstopEngine

/// An account's totals as Binance's `account` and `balance` endpoints report them.
///
/// Binance's wallet balance counts isolated wallets as well as the cross wallet; its margin
/// balance adds unrealized profit; its available balance is what the engine lets the account commit.
struct AccountFigures: Sendable {
    var crossWalletBalance: Money
    var walletBalance: Money
    var unrealizedProfit: Money
    var crossUnrealizedProfit: Money
    var positionInitialMargin: Money
    var openOrderInitialMargin: Money
    var maintenanceMargin: Money
    var availableBalance: Money
    var maxWithdrawAmount: Money
    /// Every position slot the account has used, in market order.
    var positions: [PositionFigures]

    /// The figures of `account`; all zero for a trader whose account the engine has not opened
    /// yet (it opens at the first deposit).
    init(_ account: Account?, in engine: Engine) {
        positions = account.map { account in account.positions.map { PositionFigures($0, of: account, in: engine) } } ?? []
        crossWalletBalance = account?.walletBalance ?? .zero
        walletBalance = positions.reduce(crossWalletBalance) { $0 + $1.position.isolatedWallet }
        unrealizedProfit = positions.reduce(.zero) { $0 + $1.unrealizedPnL }
        crossUnrealizedProfit = positions.reduce(.zero) { sum, figures in
            figures.position.marginMode == .cross ? sum + figures.unrealizedPnL : sum
        }
        positionInitialMargin = positions.reduce(.zero) { $0 + $1.initialMargin }
        openOrderInitialMargin = positions.reduce(.zero) { $0 + $1.openOrderInitialMargin }
        maintenanceMargin = positions.reduce(.zero) { $0 + $1.maintenanceMargin }
        availableBalance = account.map(engine.availableBalance) ?? .zero
        maxWithdrawAmount = account.map(engine.withdrawableBalance) ?? .zero
    }

    /// Wallet balance plus unrealized profit.
    var marginBalance: Money { walletBalance + unrealizedProfit }
    /// Position and open-order initial margin together.
    var initialMargin: Money { positionInitialMargin + openOrderInitialMargin }
}
