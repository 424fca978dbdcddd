import BackstopCore
@testable import BackstopEngine
import Testing

@testable import BackstopServer

@Suite("The history keeps the newest entries of each account, in event order")
struct HistoryTests {
    struct LogCase: CustomTestStringConvertible, Sendable {
        var name: String
        var capacity: Int
        var appended: Int
        var kept: [Int]
        var dropped: [Int]
        var testDescription: String { name }
    }

    @Test(
        "a bounded log",
        arguments: [
            LogCase(name: "below capacity keeps everything", capacity: 3, appended: 2, kept: [0, 1], dropped: []),
            LogCase(name: "at capacity keeps everything", capacity: 3, appended: 3, kept: [0, 1, 2], dropped: []),
            LogCase(name: "one over drops the oldest", capacity: 3, appended: 4, kept: [1, 2, 3], dropped: [0]),
            LogCase(
                name: "far over keeps the newest, oldest first", capacity: 3, appended: 10, kept: [7, 8, 9],
                dropped: [0, 1, 2, 3, 4, 5, 6]),
        ])
    func boundedLog(_ test: LogCase) {
        var log = BoundedLog<Int>(capacity: test.capacity)
        var dropped: [Int] = []
        for value in 0..<test.appended {
            if let out = log.append(value) { dropped.append(out) }
        }
        #expect(Array(log.entries) == test.kept)
        #expect(dropped == test.dropped)
    }

    static func accepted(_ id: UInt64, account: UInt64, clientOrderId: String? = nil) -> Event {
        .orderAccepted(OrderAccepted(
            orderId: OrderID(id), account: AccountID(account), symbol: "BTCUSDT", side: .buy, orderType: .limit,
            timeInForce: .gtc, price: Price("64000")!, quantity: Quantity("0.01")!, reduceOnly: false, clientOrderId: clientOrderId))
    }

    static func canceled(_ id: UInt64, account: UInt64) -> Event {
        .orderClosed(OrderClosed(
            orderId: OrderID(id), account: AccountID(account), symbol: "BTCUSDT", reason: .canceled, filledQuantity: .zero,
            remainingQuantity: Quantity("0.01")!))
    }

    static let anyCommand = Command(
        time: 1, .cancelAllOrders(CancelAllOrders(account: AccountID(1), symbol: "BTCUSDT")))

    @Test("closed orders past the per-account bound are forgotten; the newest stay findable")
    func closedOrdersBounded() {
        var history = VenueHistory()
        let count = UInt64(OrderHistory.closedPerAccount) + 1
        for id in 1...count {
            history.record(Self.anyCommand, [Self.accepted(id, account: 1), Self.canceled(id, account: 1)])
        }
        #expect(history.orders.order(OrderID(1), of: AccountID(1)) == nil)
        #expect(history.orders.order(OrderID(2), of: AccountID(1))?.status == "CANCELED")
        #expect(history.orders.order(OrderID(count), of: AccountID(1))?.status == "CANCELED")
    }

    @Test("an order is found only for its owner, by number or by client order id")
    func ownerOnly() {
        var history = VenueHistory()
        history.record(Self.anyCommand, [Self.accepted(7, account: 2, clientOrderId: "mine")])
        #expect(history.orders.order(OrderID(7), of: AccountID(2))?.clientOrderId == "mine")
        #expect(history.orders.order(OrderID(7), of: AccountID(1)) == nil)
        #expect(history.orders.order(clientOrderId: "mine", of: AccountID(1), symbol: "BTCUSDT", openIDs: []) == nil)
        #expect(history.orders.order(clientOrderId: "mine", of: AccountID(2), symbol: "BTCUSDT", openIDs: [OrderID(7)]) != nil)
    }

    @Test("income keeps at most the bound per account, oldest first, with increasing transaction ids")
    func incomeBounded() {
        var history = VenueHistory()
        let total = VenueHistory.entriesPerAccount + 5
        for index in 0..<total {
            history.record(
                Command(time: Timestamp(index), .deposit(Deposit(account: AccountID(1), amount: Money("1")!))),
                [.deposited(BalanceMoved(account: AccountID(1), amount: Money("1")!, walletBalance: Money(units: Int64(index + 1))))])
        }
        let entries = Array(history.income.entries(of: AccountID(1)))
        #expect(entries.count == VenueHistory.entriesPerAccount)
        #expect(entries.first?.time == 5)
        #expect(entries.map(\.transactionId) == entries.map(\.transactionId).sorted())
        #expect(history.income.entries(of: AccountID(2)).isEmpty)
    }
}
