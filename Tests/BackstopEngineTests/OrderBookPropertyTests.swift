import BackstopCore
@testable import BackstopEngine
import Testing

/// The book against a naive model over a seeded run of inserts, removes and moves: the level search
/// (branch-free, with hints) and the in-place move must leave exactly what a plain list of orders by
/// price and arrival would.
@Suite struct OrderBookPropertyTests {
    /// The naive book: each side's orders in priority order.
    struct Model {
        var orders: [Side: [RestingOrder]] = [.buy: [], .sell: []]

        mutating func add(_ order: RestingOrder) {
            var list = orders[order.side]!
            // Behind every order at a price as good or better.
            let index = list.firstIndex { order.side == .buy ? $0.price < order.price : $0.price > order.price }
                ?? list.count
            list.insert(order, at: index)
            orders[order.side] = list
        }

        mutating func remove(_ id: OrderID) -> RestingOrder? {
            for side in [Side.buy, .sell] {
                if let index = orders[side]!.firstIndex(where: { $0.id == id }) {
                    return orders[side]!.remove(at: index)
                }
            }
            return nil
        }
    }

    @Test("inserts, removes and moves agree with the naive model", arguments: [UInt64(1), 2, 3])
    func againstModel(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var book = OrderBook()
        var model = Model()
        var open: [OrderID] = []
        var next: UInt64 = 1
        for step in 0..<20_000 {
            let roll = Int.random(in: 0..<10, using: &random)
            let side: Side = Bool.random(using: &random) ? .buy : .sell
            let price = Price(units: Int64.random(in: 900...1_100, using: &random))
            if open.isEmpty || roll < 4 {
                let order = OrderBookTests.order(next, side, price.description, String(Int.random(in: 1...9, using: &random)))
                book.insert(order)
                model.add(order)
                open.append(order.id)
                next += 1
            } else if roll < 6 {
                let id = open.remove(at: Int.random(in: 0..<open.count, using: &random))
                let removed = book.remove(slot: book.slot(of: id)!)
                let expected = model.remove(id)
                #expect(removed.id == id && removed.price == expected?.price && removed.remaining == expected?.remaining)
                #expect(book.order(id) == nil)
            } else {
                let id = open[Int.random(in: 0..<open.count, using: &random)]
                var order = model.remove(id)!
                let moved = Price(raw: order.price.raw + Price.scale * Int64.random(in: -3...3, using: &random))
                let quantity = order.quantity + Quantity(units: 1)
                book.move(slot: book.slot(of: id)!, to: moved, quantity: quantity, remaining: order.remaining + Quantity(units: 1))
                order.price = moved
                order.quantity = quantity
                order.remaining += Quantity(units: 1)
                model.add(order)
            }
            if step % 101 == 0 {
                for side in [Side.buy, .sell] {
                    let expected = model.orders[side]!
                    #expect(book.orders(side).map(\.id) == expected.map(\.id))
                    #expect(book.orders(side).map(\.remaining) == expected.map(\.remaining))
                    let prices = expected.map(\.price).reduce(into: [Price]()) { if $0.last != $1 { $0.append($1) } }
                    #expect(book.depth(side).map(\.price) == prices)
                }
            }
        }
    }
}
