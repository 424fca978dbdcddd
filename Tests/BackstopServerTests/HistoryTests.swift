import BackstopCore
@testable import BackstopEngine
import NIOCore
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

@Suite("The history is rebuilt from the journal at a restart")
struct HistoryRecoveryTests {
    @Test("fills, income and closed orders answer the same after a restart on the same journal")
    func restart() async throws {
        let first = try await TestVenue.make()
        let paths = ["/fapi/v1/userTrades", "/fapi/v1/income", "/fapi/v1/openOrders"]
        let before = try await first.application().test(.router) { client in
            _ = try await client.order(TestVenue.bob, "SELL", "0.1", price: "65000", venue: first)
            _ = try await client.order(TestVenue.alice, "BUY", "0.1", venue: first)
            _ = try await client.order(TestVenue.alice, "BUY", "0.01", price: "64000", venue: first)
            var bodies: [String] = []
            for path in paths {
                bodies.append(String(buffer: try await client.get(path, [("symbol", "BTCUSDT")], TestVenue.alice, venue: first).body))
            }
            return bodies
        }
        let journal = first.folder.appendingPathComponent("journal.sqlite").path
        try await first.server.storage.close()
        let clock = ManualClock(first.clock.now() + 1_000)
        let server = try await VenueServer.start(
            ServerConfiguration(
                port: 0, journal: journal, snapshotEvery: 0, adminKey: TestVenue.admin, markets: [TestVenue.market],
                traders: [TestVenue.alice, TestVenue.bob]),
            clock: clock)
        let again = TestVenue(folder: first.folder, clock: clock, server: server)
        try await again.application().test(.router) { client in
            for (path, body) in zip(paths, before) {
                let after = try await client.get(path, [("symbol", "BTCUSDT")], TestVenue.alice, venue: again)
                #expect(String(buffer: after.body) == body, "\(path)")
                #expect(!after.rows.isEmpty, "\(path)")
            }
        }
        try await again.close()
    }
}
