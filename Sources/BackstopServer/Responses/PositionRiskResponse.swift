import BackstopCore
import BackstopEngine

/// A row of Binance's `positionRisk`. Version 2 carries the leverage and margin type; version 3
/// the margins, the ADL quantile and the open orders' notional. `notional` is signed (negative for
/// a short), which is where clients read the side from.
struct PositionRiskResponse: Encodable, Sendable {
    var symbol: String
    var positionSide = "BOTH"
    var positionAmt: String
    var entryPrice: String
    var markPrice: String
    var unRealizedProfit: String
    var liquidationPrice: String
    var isolatedMargin: String
    var notional: String
    var marginAsset: String
    var isolatedWallet: String
    var updateTime: Timestamp
    // Version 2.
    var leverage: String?
    var maxNotionalValue: String?
    var marginType: String?
    var isAutoAddMargin: String?
    // Version 3.
    var initialMargin: String?
    var maintMargin: String?
    var positionInitialMargin: String?
    var openOrderInitialMargin: String?
    var adl: Int?
    var bidNotional: String?
    var askNotional: String?

    init(_ figures: PositionFigures, asset: String, adlQuantile: Int, updateTime: Timestamp, version: Int) {
        let position = figures.position
        symbol = figures.symbol
        positionAmt = position.quantity.description
        entryPrice = (position.entryPrice ?? .zero).description
        markPrice = figures.markPrice.description
        unRealizedProfit = figures.unrealizedPnL.description
        liquidationPrice = (figures.liquidationPrice ?? .zero).description
        isolatedMargin = figures.isolatedMargin.description
        notional = figures.notional.description
        marginAsset = asset
        isolatedWallet = position.isolatedWallet.description
        self.updateTime = updateTime
        if version == 2 {
            leverage = String(position.leverage)
            maxNotionalValue = figures.maxNotional.description
            marginType = BinanceNames.marginType(position.marginMode)
            isAutoAddMargin = "false"
        } else {
            initialMargin = (figures.initialMargin + figures.openOrderInitialMargin).description
            maintMargin = figures.maintenanceMargin.description
            positionInitialMargin = figures.initialMargin.description
            openOrderInitialMargin = figures.openOrderInitialMargin.description
            adl = adlQuantile
            bidNotional = position.buyOrders.value.description
            askNotional = position.sellOrders.value.description
        }
    }
}
