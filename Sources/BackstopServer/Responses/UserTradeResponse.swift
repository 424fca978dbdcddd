import BackstopCore
import BackstopEngine

/// A row of Binance's `userTrades`. It has no `isMaker`, `M` or `isBuyerMaker` key: clients read
/// those as a spot trade's.
struct UserTradeResponse: Encodable, Sendable {
    var buyer: Bool
    var commission: String
    var commissionAsset: String
    var id: UInt64
    var maker: Bool
    var orderId: UInt64
    var price: String
    var qty: String
    var quoteQty: String
    var realizedPnl: String
    var side: String
    var positionSide = "BOTH"
    var symbol: String
    var time: Timestamp

    init(_ trade: AccountTrade, asset: String) {
        buyer = trade.side == .buy
        commission = trade.commission.description
        commissionAsset = asset
        id = trade.tradeId
        maker = trade.maker
        orderId = trade.orderId.rawValue
        price = trade.price.description
        qty = trade.quantity.description
        quoteQty = trade.quote.description
        realizedPnl = trade.realizedPnL.description
        side = BinanceNames.side(trade.side)
        symbol = trade.symbol
        time = trade.time
    }
}
