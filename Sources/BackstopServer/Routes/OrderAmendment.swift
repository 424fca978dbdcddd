import BackstopCore
import BackstopEngine

/// The new terms of Binance's `PUT /fapi/v1/order` (Modify Order): the order's side, as a check,
/// and its new price and total quantity, filled part included. Binance requires all three.
struct OrderAmendment: Sendable {
    /// The side the caller believes the order has; an amendment never changes it.
    var side: Side
    /// The new limit price.
    var price: Price
    /// The new total quantity, filled part included.
    var quantity: Quantity

    /// Reads the terms.
    ///
    /// - Throws: ``APIError`` -1102 for a missing parameter, -1117 for an unknown side, -1100 or
    ///   -1111 for a malformed number, -1130 for a `priceMatch` other than `NONE`.
    init(_ parameters: RequestParameters) throws {
        guard let side = BinanceNames.side(try parameters.required("side")) else { throw APIError.badSide }
        if let priceMatch = parameters["priceMatch"], priceMatch != "NONE" {
            throw APIError.badValue("priceMatch", "only NONE is supported")
        }
        guard let quantity = try parameters.decimal("quantity", as: Quantity.self) else { throw APIError.missing("quantity") }
        guard let price = try parameters.decimal("price", as: Price.self) else { throw APIError.missing("price") }
        self.side = side
        self.price = price
        self.quantity = quantity
    }

    /// Checks the terms against the open order they amend, before the engine sees them.
    ///
    /// - Throws: ``APIError`` -1130 when the side differs from the order's, -5027 when the terms
    ///   are the order's own (Binance's "No need to modify the order.").
    func check(against record: OrderRecord) throws {
        guard side == record.side else {
            throw APIError.badValue("side", "order \(record.orderId.rawValue) is a \(BinanceNames.side(record.side)) order and an amendment keeps its side")
        }
        guard price != record.price || quantity != record.quantity else {
            throw APIError(-5027, "No need to modify the order.")
        }
    }

    /// The engine command for the caller's order `id`.
    func command(account: AccountID, symbol: String, orderId: OrderID) -> AmendOrder {
        AmendOrder(account: account, symbol: symbol, orderId: orderId, price: price, quantity: quantity)
    }
}
