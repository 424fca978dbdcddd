import BackstopCore
import BackstopEngine

/// Binance's `account` (v2 and v3): the totals, one entry for the settlement asset, and the
/// account's positions.
struct AccountResponse: Encodable, Sendable {
    struct Asset: Encodable, Sendable {
        var asset: String
        var walletBalance: String
        var unrealizedProfit: String
        var marginBalance: String
        var maintMargin: String
        var initialMargin: String
        var positionInitialMargin: String
        var openOrderInitialMargin: String
        var crossWalletBalance: String
        var crossUnPnl: String
        var availableBalance: String
        var maxWithdrawAmount: String
        /// Never zero: a client drops an asset whose `updateTime` is 0.
        var updateTime: Timestamp
    }

    struct Position: Encodable, Sendable {
        var symbol: String
        var positionSide = "BOTH"
        var positionAmt: String
        var unrealizedProfit: String
        var isolatedMargin: String
        var notional: String
        var isolatedWallet: String
        var initialMargin: String
        var maintMargin: String
        var updateTime: Timestamp
        /// v2 only, with the fields below.
        var leverage: String?
        var entryPrice: String?
        var isolated: Bool?
        var positionInitialMargin: String?
        var openOrderInitialMargin: String?
        var maxNotional: String?
    }

    var totalInitialMargin: String
    var totalMaintMargin: String
    var totalWalletBalance: String
    var totalUnrealizedProfit: String
    var totalMarginBalance: String
    var totalPositionInitialMargin: String
    var totalOpenOrderInitialMargin: String
    var totalCrossWalletBalance: String
    var totalCrossUnPnl: String
    var availableBalance: String
    var maxWithdrawAmount: String
    var assets: [Asset]
    var positions: [Position]

    /// The account's figures; `version` 2 lists every used position slot with its settings, 3
    /// only positions that are open or have open orders, as Binance does.
    init(_ figures: AccountFigures, asset: String, updateTime: Timestamp, positionTimes: (String) -> Timestamp, version: Int) {
        totalInitialMargin = figures.initialMargin.description
        totalMaintMargin = figures.maintenanceMargin.description
        totalWalletBalance = figures.walletBalance.description
        totalUnrealizedProfit = figures.unrealizedProfit.description
        totalMarginBalance = figures.marginBalance.description
        totalPositionInitialMargin = figures.positionInitialMargin.description
        totalOpenOrderInitialMargin = figures.openOrderInitialMargin.description
        totalCrossWalletBalance = figures.crossWalletBalance.description
        totalCrossUnPnl = figures.crossUnrealizedProfit.description
        availableBalance = figures.availableBalance.description
        maxWithdrawAmount = figures.maxWithdrawAmount.description
        assets = [
            Asset(
                asset: asset, walletBalance: totalWalletBalance, unrealizedProfit: totalUnrealizedProfit,
                marginBalance: totalMarginBalance, maintMargin: totalMaintMargin, initialMargin: totalInitialMargin,
                positionInitialMargin: totalPositionInitialMargin, openOrderInitialMargin: totalOpenOrderInitialMargin,
                crossWalletBalance: totalCrossWalletBalance, crossUnPnl: totalCrossUnPnl,
                availableBalance: availableBalance, maxWithdrawAmount: maxWithdrawAmount, updateTime: updateTime)
        ]
        positions = figures.positions
            .filter { version == 2 || !$0.position.quantity.isZero || !$0.position.openOrders.isEmpty }
            .map { position in
                var row = Position(
                    symbol: position.symbol, positionAmt: position.position.quantity.description,
                    unrealizedProfit: position.unrealizedPnL.description, isolatedMargin: position.isolatedMargin.description,
                    notional: position.notional.description, isolatedWallet: position.position.isolatedWallet.description,
                    initialMargin: (position.initialMargin + position.openOrderInitialMargin).description,
                    maintMargin: position.maintenanceMargin.description, updateTime: positionTimes(position.symbol))
                if version == 2 {
                    row.leverage = String(position.position.leverage)
                    row.entryPrice = (position.position.entryPrice ?? .zero).description
                    row.isolated = position.position.marginMode == .isolated
                    row.positionInitialMargin = position.initialMargin.description
                    row.openOrderInitialMargin = position.openOrderInitialMargin.description
                    row.maxNotional = position.maxNotional.description
                }
                return row
            }
    }
}
