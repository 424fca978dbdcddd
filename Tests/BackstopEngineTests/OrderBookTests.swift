import BackstopCore
@testable import BackstopEngine
import Testing

/// The order book on its own: sorted levels, FIFO within a level, aggregation and slot reuse.
@Suite struct OrderBookTests {
    static func order(_ id: UInt64, _ side: Side, _ price: String, _ quantity: String = "1") -> RestingOrder {
        RestingOrder(
            id: OrderID(id), accountIndex: 0, side: side, price: .of(price), quantity: .of(quantity),
            remaining: .of(quantity), timeInForce: .gtc, reduceOnly: false, selfTradePrevention: .expireTaker,
            clientOrderId: nil)
    }

    static func book(_ orders: [RestingOrder]) -> OrderBook {
        var book = OrderBook()
        for order in orders { book.insert(order) }
        return book
    }

    struct SortCase: CustomTestStringConvertible, Sendable {
        var name: String
        var side: Side
        var inserted: [String]
        /// Level prices best first.
        var levels: [String]
        var best: String
        var testDescription: String { name }
    }

    @Test("levels stay sorted best first whatever the insertion order", arguments: [
        SortCase(name: "bids inserted ascending", side: .buy, inserted: ["100", "101", "102"],
                 levels: ["102", "101", "100"], best: "102"),
        SortCase(name: "bids inserted descending", side: .buy, inserted: ["102", "101", "100"],
                 levels: ["102", "101", "100"], best: "102"),
        SortCase(name: "bids inserted out of order with a repeat", side: .buy, inserted: ["101", "99.5", "103", "101"],
                 levels: ["103", "101", "99.5"], best: "103"),
        SortCase(name: "asks inserted descending", side: .sell, inserted: ["105", "104", "103"],
                 levels: ["103", "104", "105"], best: "103"),
        SortCase(name: "asks inserted out of order with a repeat", side: .sell, inserted: ["104", "103.5", "106", "104"],
                 levels: ["103.5", "104", "106"], best: "103.5"),
    ])
    func levelsSorted(_ test: SortCase) {
        let orders = test.inserted.enumerated().map { Self.order(UInt64($0.offset + 1), test.side, $0.element) }
        let book = Self.book(orders)
        #expect(book.depth(test.side).map(\.price) == test.levels.map(Price.of))
        let best = test.side == .buy ? book.bestBid : book.bestAsk
        #expect(best == .of(test.best))
        let other = test.side == .buy ? book.bestAsk : book.bestBid
        #expect(other == nil)
        #expect(book.orderCount == test.inserted.count)
    }

    @Test("orders at one price keep arrival order; a better price comes first")
    func fifoWithinLevel() {
        let book = Self.book([
            Self.order(1, .sell, "100"), Self.order(2, .sell, "100"), Self.order(3, .sell, "99"),
            Self.order(4, .sell, "100"), Self.order(5, .buy, "98"), Self.order(6, .buy, "98"),
        ])
        #expect(book.orders(.sell).map(\.id.rawValue) == [3, 1, 2, 4])
        #expect(book.orders(.buy).map(\.id.rawValue) == [5, 6])
        #expect(book.bestHead(.sell)?.price == .of("99"))
    }

    struct RemoveCase: CustomTestStringConvertible, Sendable {
        var name: String
        var removed: [UInt64]
        var remaining: [UInt64]
        var testDescription: String { name }
    }

    @Test("removing any order keeps the rest of its level linked in order", arguments: [
        RemoveCase(name: "head", removed: [1], remaining: [2, 3, 4]),
        RemoveCase(name: "middle", removed: [2], remaining: [1, 3, 4]),
        RemoveCase(name: "tail", removed: [4], remaining: [1, 2, 3]),
        RemoveCase(name: "head and tail", removed: [1, 4], remaining: [2, 3]),
        RemoveCase(name: "all but one", removed: [3, 1, 4], remaining: [2]),
    ])
    func removeKeepsFIFO(_ test: RemoveCase) {
        var book = Self.book((1...4).map { Self.order($0, .buy, "50", "\($0)") })
        for id in test.removed {
            let removed = book.remove(slot: book.slot(of: OrderID(id))!)
            #expect(removed.id == OrderID(id))
        }
        #expect(book.orders(.buy).map(\.id.rawValue) == test.remaining)
        let expectedQuantity = test.remaining.reduce(Quantity.zero) { $0 + Quantity(units: Int64($1)) }
        #expect(book.depth(.buy).map(\.quantity) == [expectedQuantity])
        #expect(book.depth(.buy).map(\.orders) == [test.remaining.count])
        // A new order joins the back of the level.
        book.insert(Self.order(9, .buy, "50"))
        #expect(book.orders(.buy).map(\.id.rawValue) == test.remaining + [9])
        for id in test.removed { #expect(book.order(OrderID(id)) == nil) }
    }

    @Test("removing the last order of the best level removes the level and moves the best price")
    func emptyLevelDisappears() {
        var book = Self.book([Self.order(1, .buy, "101"), Self.order(2, .buy, "100"), Self.order(3, .sell, "102")])
        book.remove(slot: book.slot(of: OrderID(1))!)
        #expect(book.bestBid == .of("100"))
        #expect(book.depth(.buy).count == 1)
        book.remove(slot: book.slot(of: OrderID(2))!)
        #expect(book.bestBid == nil)
        #expect(book.depth(.buy).isEmpty)
        #expect(book.bestAsk == .of("102"))
        #expect(book.orderCount == 1)
    }

    @Test("depth adds the remaining quantities and counts the orders of each level")
    func depthAggregation() {
        var book = Self.book([
            Self.order(1, .sell, "100", "1.5"), Self.order(2, .sell, "100", "2.25"),
            Self.order(3, .sell, "101", "4"), Self.order(4, .sell, "102", "0.001"),
        ])
        #expect(book.depth(.sell).map(\.quantity) == [.of("3.75"), .of("4"), .of("0.001")])
        #expect(book.depth(.sell).map(\.orders) == [2, 1, 1])
        #expect(book.depth(.sell, limit: 2).map(\.price) == [.of("100"), .of("101")])

        book.reduce(slot: book.slot(of: OrderID(2))!, by: .of("0.25"))
        #expect(book.depth(.sell).first?.quantity == .of("3.5"))
        #expect(book.order(OrderID(2))?.remaining == .of("2"))
        #expect(book.order(OrderID(2))?.quantity == .of("2.25"))

        book.remove(slot: book.slot(of: OrderID(1))!)
        #expect(book.depth(.sell).first?.quantity == .of("2"))
        #expect(book.depth(.sell).first?.orders == 1)
    }

    @Test("reduce and shrink keep the order's place at the head of its level")
    func reduceKeepsPriority() {
        var book = Self.book([Self.order(1, .buy, "100", "3"), Self.order(2, .buy, "100", "1")])
        book.reduce(slot: book.slot(of: OrderID(1))!, by: .of("1"))
        #expect(book.orders(.buy).map(\.id.rawValue) == [1, 2])
        book.shrink(slot: book.slot(of: OrderID(1))!, toQuantity: .of("2.5"))
        #expect(book.orders(.buy).map(\.id.rawValue) == [1, 2])
        let first = book.order(OrderID(1))
        #expect(first?.quantity == .of("2.5"))
        #expect(first?.remaining == .of("1.5"))
        #expect(book.depth(.buy).first?.quantity == .of("2.5"))
    }

    @Test("a removed order's slot is reused by the next insertion; the slab does not grow")
    func slotReuse() {
        var book = Self.book([Self.order(1, .buy, "100"), Self.order(2, .buy, "99"), Self.order(3, .sell, "101")])
        #expect(book.slots.count == 3)
        let freed = book.slot(of: OrderID(2))!
        book.remove(slot: freed)
        book.insert(Self.order(4, .sell, "103"))
        #expect(book.slot(of: OrderID(4)) == freed)
        #expect(book.slots.count == 3)
        #expect(book.order(OrderID(4))?.price == .of("103"))
        #expect(book.orders(.sell).map(\.id.rawValue) == [3, 4])
        #expect(book.orders(.buy).map(\.id.rawValue) == [1])
        // A second new order, with no free slot left, grows the slab.
        book.insert(Self.order(5, .buy, "100"))
        #expect(book.slots.count == 4)
        #expect(book.orders(.buy).map(\.id.rawValue) == [1, 5])
    }

    @Test("a reused slot joins an existing level at its back, not where the slot was")
    func reusedSlotJoinsBack() {
        var book = Self.book([Self.order(1, .buy, "100"), Self.order(2, .buy, "100"), Self.order(3, .buy, "100")])
        book.remove(slot: book.slot(of: OrderID(1))!)
        book.insert(Self.order(4, .buy, "100"))
        #expect(book.orders(.buy).map(\.id.rawValue) == [2, 3, 4])
        #expect(book.bestHead(.buy)?.slot == book.slot(of: OrderID(2)))
        #expect(book.depth(.buy).first?.orders == 3)
    }
}
