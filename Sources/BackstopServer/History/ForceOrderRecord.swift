import BackstopCore
import BackstopEngine

/// A position closed by the venue rather than its owner (a row of Binance's `forceOrders`): a
/// liquidation order, or the close of a counterparty by auto-deleveraging.
public struct ForceOrderRecord: Hashable, Sendable {
    /// Why the venue closed it: Binance's `autoCloseType`.
    public enum CloseType: String, Hashable, Sendable, CaseIterable {
        /// The owner fell below maintenance margin.
        case liquidation = "LIQUIDATION"
        /// Auto-deleveraging closed the owner against a bankrupt position.
        case adl = "ADL"
    }

    /// The liquidation order's number, or the number the engine gave the deleveraged side.
    public var orderId: OrderID
    /// Liquidation or ADL.
    public var closeType: CloseType
    /// The market.
    public var symbol: String
    /// The side of the close (sell for a long).
    public var side: Side
    /// The order's limit: the bankruptcy price of a liquidation step, the execution price of a
    /// deleveraging close, the mark of a vault takeover.
    public var price: Price
    /// What the venue set out to close.
    public var quantity: Quantity
    /// What it closed: through the book, an insurance fund's takeover and auto-deleveraging alike.
    public var executedQuantity: Quantity = .zero
    /// The value of what it closed.
    public var cumulativeQuote: Money = .zero
    /// When the venue closed it.
    public var time: Timestamp

    /// Binance's client order id: `autoclose-<order>` for a liquidation, `adl_autoclose` for ADL.
    public var clientOrderId: String {
        closeType == .adl ? "adl_autoclose" : "autoclose-\(orderId)"
    }

    /// `FILLED` when everything set out was closed, `EXPIRED` otherwise.
    public var status: String { executedQuantity == quantity ? "FILLED" : "EXPIRED" }

    /// The average close price; absent when nothing closed.
    public var averagePrice: Price? {
        executedQuantity.isZero ? nil : cumulativeQuote.price(per: executedQuantity, rounding: .halfEven)
    }
}
