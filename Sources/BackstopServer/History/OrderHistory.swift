import BackstopCore
import BackstopEngine

/// Every open order and each account's most recent closed orders, by number, so that an order can
/// be queried after it filled or was cancelled.
public struct OrderHistory: Sendable {
    /// How many closed orders are kept per account.
    public static let closedPerAccount = 1_000

    private var open: [OrderID: OrderRecord] = [:]
    private var closed: [OrderID: OrderRecord] = [:]
    private var closedOrder: [AccountID: BoundedLog<OrderID>] = [:]

    /// An empty history.
    public init() {}

    /// The order with this number, open or recently closed, if it belongs to `account`.
    public func order(_ id: OrderID, of account: AccountID) -> OrderRecord? {
        guard let record = open[id] ?? closed[id], record.account == account else { return nil }
        return record
    }

    /// The account's newest order in `symbol` with this client order id: an open one first, else
    /// the most recently closed.
    public func order(clientOrderId: String, of account: AccountID, symbol: String, openIDs: [OrderID]) -> OrderRecord? {
        for id in openIDs.reversed() {
            if let record = open[id], record.clientOrderId == clientOrderId { return record }
        }
        for id in (closedOrder[account]?.entries ?? []).reversed() {
            if let record = closed[id], record.symbol == symbol, record.clientOrderId == clientOrderId { return record }
        }
        return nil
    }

    /// The record of an open order.
    public func openOrder(_ id: OrderID) -> OrderRecord? { open[id] }

    mutating func accept(_ accepted: OrderAccepted, selfTradePrevention: SelfTradePrevention, time: Timestamp) {
        open[accepted.orderId] = OrderRecord(accepted, selfTradePrevention: selfTradePrevention, time: time)
    }

    mutating func fill(_ id: OrderID, quantity: Quantity, value: Money, time: Timestamp) {
        guard var record = open[id] else { return }
        record.executedQuantity += quantity
        record.cumulativeQuote += value
        record.updateTime = time
        open[id] = record
    }

    mutating func amend(_ amended: OrderAmended, time: Timestamp) {
        guard var record = open[amended.orderId] else { return }
        record.price = amended.price
        record.quantity = amended.quantity
        record.updateTime = time
        open[amended.orderId] = record
    }

    mutating func close(_ event: OrderClosed, time: Timestamp) {
        guard var record = open.removeValue(forKey: event.orderId) else { return }
        record.closeReason = event.reason
        record.executedQuantity = event.filledQuantity
        record.updateTime = time
        closed[record.orderId] = record
        var log = closedOrder[record.account] ?? BoundedLog(capacity: Self.closedPerAccount)
        if let dropped = log.append(record.orderId) {
            closed[dropped] = nil
        }
        closedOrder[record.account] = log
    }
}
