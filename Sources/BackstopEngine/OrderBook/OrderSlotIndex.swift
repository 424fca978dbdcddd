import DequeModule

/// The book slots of open orders, by order number.
///
/// The engine numbers orders in sequence, so the numbers of open orders crowd near the latest one. A
/// window of slots indexed by `number − first` finds them with a subtraction instead of a hash. The
/// window is kept at most a few times as wide as the number of open orders: orders that stay open
/// long enough to fall behind its start move to a dictionary.
struct OrderSlotIndex: Sendable, Codable {
    /// The order number of `window[0]`.
    private var first: UInt64 = 1
    /// The slot of each order number from `first` on, or -1 where that order is not in the book.
    private var window = Deque<Int32>()
    /// Open orders whose numbers are below `first`.
    private var behind: [OrderID: Int32] = [:]
    /// The number of open orders.
    private(set) var count = 0

    /// The slot of an open order.
    subscript(id: OrderID) -> Int32? {
        guard id.rawValue >= first else { return behind[id] }
        let offset = id.rawValue - first
        guard offset < UInt64(window.count) else { return nil }
        let slot = window[Int(offset)]
        return slot >= 0 ? slot : nil
    }

    /// Records where an order that is not in the index rests.
    mutating func insert(_ id: OrderID, slot: Int32) {
        count += 1
        guard id.rawValue >= first else {
            behind[id] = slot
            return
        }
        if id.rawValue - first >= UInt64(8 * count + 4_096) {
            restart(at: id.rawValue)
        }
        let offset = Int(id.rawValue - first)
        if offset >= window.count {
            window.append(contentsOf: repeatElement(-1, count: offset - window.count + 1))
        }
        window[offset] = slot
        trim()
    }

    /// Forgets an order. The window's start only moves on the next insertion, so that an order taken
    /// out and put back (an amendment) keeps its place in the window.
    mutating func remove(_ id: OrderID) {
        count -= 1
        if id.rawValue >= first {
            window[Int(id.rawValue - first)] = -1
        } else {
            behind[id] = nil
        }
    }

    /// Starts the window afresh at `number`, moving the open orders it held behind: a window reaching
    /// that far would span numbers given to other markets' orders since this book's last one.
    private mutating func restart(at number: UInt64) {
        for (offset, slot) in window.enumerated() where slot >= 0 {
            behind[OrderID(first + UInt64(offset))] = slot
        }
        window.removeAll(keepingCapacity: true)
        first = number
    }

    /// Drops closed orders from the window's start, and once the window is more than eight times as
    /// wide as the book is deep, moves its oldest open orders behind until it is four times as wide.
    private mutating func trim() {
        while let head = window.first, head < 0 {
            window.removeFirst()
            first += 1
        }
        guard window.count > 8 * count + 4_096 else { return }
        let target = 4 * count + 2_048
        while window.count > target {
            let slot = window.removeFirst()
            if slot >= 0 { behind[OrderID(first)] = slot }
            first += 1
        }
    }
}
