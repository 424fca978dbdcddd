import BackstopCore
import BackstopEngine

/// Reads Binance's `POST /fapi/v1/order` parameters into a ``PlaceOrder``.
///
/// Supported: `LIMIT` and `MARKET` orders, `timeInForce` GTC, IOC, FOK and GTX (post-only),
/// `reduceOnly`, `newClientOrderId`, `newOrderRespType` ACK or RESULT (both answer with the order
/// as it stands after matching), `selfTradePreventionMode`, and `positionSide` BOTH (one-way mode).
enum OrderRequest {
    /// The longest client order id, and the characters allowed in one (Binance's rule).
    static let maxClientOrderIdLength = 36
    static let clientOrderIdCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:/_-")

    static func placeOrder(_ parameters: RequestParameters, account: AccountID, symbol: String) throws -> PlaceOrder {
        guard let side = BinanceNames.side(try parameters.required("side")) else { throw APIError.badSide }
        guard let type = BinanceNames.orderType(try parameters.required("type")) else { throw APIError.badOrderType }
        if let positionSide = parameters["positionSide"], positionSide != "BOTH" {
            throw APIError(-4061, "Order's position side does not match user's setting.")
        }
        if try parameters.boolean("closePosition") == true {
            throw APIError.badValue("closePosition", "closing a position needs a conditional order, which this venue does not take")
        }
        if let priceMatch = parameters["priceMatch"], priceMatch != "NONE" {
            throw APIError.badValue("priceMatch", "only NONE is supported")
        }
        if let responseType = parameters["newOrderRespType"], responseType != "ACK", responseType != "RESULT" {
            throw APIError.badValue("newOrderRespType", "expected ACK or RESULT")
        }
        guard let quantity = try parameters.decimal("quantity", as: Quantity.self) else { throw APIError.missing("quantity") }
        let price = try parameters.decimal("price", as: Price.self)
        var timeInForce = TimeInForce.gtc
        switch type {
        case .limit:
            guard price != nil else { throw APIError.missing("price") }
            if let text = parameters["timeInForce"] {
                guard let parsed = BinanceNames.timeInForce(text) else { throw APIError.badValue("timeInForce", "expected GTC, IOC, FOK or GTX") }
                timeInForce = parsed
            }
        case .market:
            guard price == nil else { throw APIError(-1106, "Parameter 'price' sent when not required.") }
        }
        var selfTradePrevention = SelfTradePrevention.expireTaker
        if let text = parameters["selfTradePreventionMode"] {
            guard let parsed = BinanceNames.selfTradePrevention(text) else {
                throw APIError.badValue("selfTradePreventionMode", "expected NONE, EXPIRE_TAKER, EXPIRE_MAKER or EXPIRE_BOTH")
            }
            selfTradePrevention = parsed
        }
        let clientOrderId = try parameters["newClientOrderId"].map(validClientOrderId) ?? generatedClientOrderId()
        return PlaceOrder(
            account: account, symbol: symbol, side: side, type: type, timeInForce: timeInForce, price: price,
            quantity: quantity, reduceOnly: try parameters.boolean("reduceOnly") ?? false,
            selfTradePrevention: selfTradePrevention, clientOrderId: clientOrderId)
    }

    /// A client order id as Binance allows them: 1 to 36 of letters, digits and `.:/_-`.
    ///
    /// - Throws: ``APIError`` -4015 otherwise.
    static func validClientOrderId(_ text: String) throws -> String {
        guard text.count <= maxClientOrderIdLength, text.allSatisfy(clientOrderIdCharacters.contains) else {
            throw APIError(-4015, "Client order id is not valid: at most \(maxClientOrderIdLength) of letters, digits and '.:/_-'.")
        }
        return text
    }

    /// A random id for an order sent without one, as Binance gives such orders.
    static func generatedClientOrderId() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return "backstop_" + String((0..<22).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
