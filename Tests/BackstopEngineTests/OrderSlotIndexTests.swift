import BackstopCore
@testable import BackstopEngine
import Testing

/// The book's index of open orders by number: a window over recent numbers, a dictionary behind it.
@Suite struct OrderSlotIndexTests {
    @Test("finds what was inserted and forgets what was removed, in and behind the window")
    func insertFindRemove() {
        var index = OrderSlotIndex()
        for number in 1...10 { index.insert(OrderID(UInt64(number)), slot: Int32(number * 10)) }
        index.remove(OrderID(3))
        index.remove(OrderID(1))
        #expect(index[OrderID(3)] == nil)
        #expect(index[OrderID(1)] == nil)
        #expect(index[OrderID(2)] == 20)
        #expect(index[OrderID(10)] == 100)
        #expect(index[OrderID(11)] == nil)
        #expect(index.count == 8)
    }

    @Test("an order taken out and put back under its number is found again at its new slot")
    func reinsertSameNumber() {
        var index = OrderSlotIndex()
        index.insert(OrderID(1), slot: 0)
        index.insert(OrderID(2), slot: 1)
        index.remove(OrderID(1))
        index.insert(OrderID(1), slot: 7)
        #expect(index[OrderID(1)] == 7)
        #expect(index[OrderID(2)] == 1)
        #expect(index.count == 2)
    }

    @Test("a long-lived order behind a window that moved on, and a gap of other markets' numbers")
    func behindAndRestart() {
        var index = OrderSlotIndex()
        index.insert(OrderID(5), slot: 50)
        // Many orders come and go after it: the window trims its start and moves order 5 behind.
        for number in 6...100_000 {
            index.insert(OrderID(UInt64(number)), slot: 1)
            index.remove(OrderID(UInt64(number)))
        }
        #expect(index[OrderID(5)] == 50)
        // A number far beyond the window (other markets took the ones between) restarts it.
        index.insert(OrderID(10_000_000), slot: 2)
        #expect(index[OrderID(5)] == 50)
        #expect(index[OrderID(10_000_000)] == 2)
        index.remove(OrderID(5))
        #expect(index[OrderID(5)] == nil)
        #expect(index.count == 1)
    }

    @Test("agrees with a dictionary over a seeded run of inserts and removes")
    func againstDictionary() {
        var random = SplitMix64(seed: 0x51_07)
        var index = OrderSlotIndex()
        var oracle: [OrderID: Int32] = [:]
        var next: UInt64 = 1
        for step in 0..<50_000 {
            if oracle.isEmpty || Int.random(in: 0..<10, using: &random) < 5 {
                // Numbers sometimes jump, as when other markets take some.
                next += Bool.random(using: &random) ? 1 : UInt64.random(in: 1...20_000, using: &random)
                let slot = Int32(step)
                index.insert(OrderID(next), slot: slot)
                oracle[OrderID(next)] = slot
            } else {
                let id = oracle.keys.sorted()[Int.random(in: 0..<oracle.count, using: &random) / 2]
                index.remove(id)
                oracle[id] = nil
            }
            if step % 997 == 0 {
                for (id, slot) in oracle { #expect(index[id] == slot) }
                #expect(index.count == oracle.count)
            }
        }
    }
}
