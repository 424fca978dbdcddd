import BackstopCore
import BackstopEngine

/// An order as Binance's `order`, `openOrders` and cancel endpoints show it.
struct OrderResponse: Encodable, Sendable {
    var orderId: UInt64
    var symbol: String
    var status: String
    var clientOrderId: String
    var price: String
    var avgPrice: String
    var origQty: String
    var executedQty: String
    var cumQty: String
    var cumQuote: String
    var timeInForce: String
    var type: String
    var reduceOnly: Bool
    var closePosition = false
    var side: String
    var positionSide = "BOTH"
    var stopPrice = "0"
    var workingType = "CONTRACT_PRICE"
    var priceProtect = false
    var origType: String
    var priceMatch = "NONE"
    var selfTradePreventionMode: String
    var goodTillDate = 0
    var time: Timestamp
    var updateTime: Timestamp

    init(_ record: OrderRecord) {
        orderId = record.orderId.rawValue
        symbol = record.symbol
        status = record.status
        clientOrderId = record.clientOrderId ?? ""
        price = (record.price ?? .zero).description
        avgPrice = (record.averagePrice ?? .zero).description
        origQty = record.quantity.description
        executedQty = record.executedQuantity.description
        cumQty = record.executedQuantity.description
        cumQuote = record.cumulativeQuote.description
        timeInForce = BinanceNames.timeInForce(record.timeInForce)
        type = BinanceNames.orderType(record.type)
        reduceOnly = record.reduceOnly
        side = BinanceNames.side(record.side)
        origType = type
        selfTradePreventionMode = BinanceNames.selfTradePrevention(record.selfTradePrevention)
        time = record.time
        updateTime = record.updateTime
    }
}
