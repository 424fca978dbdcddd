import BackstopCore
import BackstopEngine

/// A row of Binance's `forceOrders`: a liquidation order or a deleveraging close.
struct ForceOrderResponse: Encodable, Sendable {
    var orderId: UInt64
    var symbol: String
    var status: String
    var clientOrderId: String
    var price: String
    var avgPrice: String
    var origQty: String
    var executedQty: String
    var cumQuote: String
    var timeInForce: String
    var type = "LIMIT"
    var reduceOnly: Bool
    var closePosition = false
    var side: String
    var positionSide = "BOTH"
    var stopPrice = "0"
    var workingType = "CONTRACT_PRICE"
    var origType = "LIMIT"
    var time: Timestamp
    var updateTime: Timestamp

    init(_ record: ForceOrderRecord) {
        orderId = record.orderId.rawValue
        symbol = record.symbol
        status = record.status
        clientOrderId = record.clientOrderId
        price = record.price.description
        avgPrice = (record.averagePrice ?? .zero).description
        origQty = record.quantity.description
        executedQty = record.executedQuantity.description
        cumQuote = record.cumulativeQuote.description
        timeInForce = record.closeType == .liquidation ? "IOC" : "GTC"
        reduceOnly = record.closeType == .liquidation
        side = BinanceNames.side(record.side)
        time = record.time
        updateTime = record.time
    }
}
