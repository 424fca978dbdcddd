import BackstopCore

/// A market's limit order book with price-time priority.
///
/// Orders live in a slab (an array reused through a free list) and are linked first-in first-out
/// within their price level. Each side is a sorted array of levels with the best price last, so
/// taking or emptying the best level never shifts the array.
public struct OrderBook: Sendable, Codable {
    private(set) var slots: [RestingOrder] = []
    private var freeSlots: [Int32] = []
    private var slotByOrder = OrderSlotIndex()
    /// Bids by ascending price: the best (highest) is last.
    private(set) var bids: [PriceLevel] = []
    /// Asks by descending price: the best (lowest) is last.
    private(set) var asks: [PriceLevel] = []
    /// Where the last removal found its level: an amendment puts the order back a few ticks away,
    /// so the insertion that follows looks there first.
    private var lastRemoval: (side: Side, index: Int)?

    /// Creates an empty book.
    public init() {}

    /// Everything but the search hint, which changes no answer.
    enum CodingKeys: String, CodingKey { case slots, freeSlots, slotByOrder, bids, asks }

    /// The number of resting orders.
    public var orderCount: Int { slotByOrder.count }

    /// The highest bid price.
    public var bestBid: Price? { bids.last?.price }
    /// The lowest ask price.
    public var bestAsk: Price? { asks.last?.price }

    /// The resting order with this number.
    public func order(_ id: OrderID) -> RestingOrder? {
        slotByOrder[id].map { slots[Int($0)] }
    }

    func slot(of id: OrderID) -> Int32? { slotByOrder[id] }

    func order(atSlot slot: Int32) -> RestingOrder { slots[Int(slot)] }

    /// The aggregated levels of one side, best first: `(price, total quantity, order count)`.
    public func depth(_ side: Side, limit: Int = .max) -> [(price: Price, quantity: Quantity, orders: Int)] {
        let levels = side == .buy ? bids : asks
        return levels.reversed().prefix(limit).map { ($0.price, $0.quantity, $0.orderCount) }
    }

    /// Every resting order of one side in priority order (best price first, then time).
    public func orders(_ side: Side) -> [RestingOrder] {
        var result: [RestingOrder] = []
        for level in (side == .buy ? bids : asks).reversed() {
            var slot = level.head
            while slot >= 0 {
                result.append(slots[Int(slot)])
                slot = slots[Int(slot)].next
            }
        }
        return result
    }

    /// The head slot of the best level on `side`, if any.
    func bestHead(_ side: Side) -> (price: Price, slot: Int32)? {
        guard let level = side == .buy ? bids.last : asks.last else { return nil }
        return (level.price, level.head)
    }

    /// Adds an order at the back of its price level.
    mutating func insert(_ order: RestingOrder) {
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            slot = Int32(slots.count)
            slots.append(order)
        }
        link(order, at: slot)
        slotByOrder.insert(order.id, slot: slot)
    }

    /// Removes an order and returns it.
    @discardableResult
    mutating func remove(slot: Int32) -> RestingOrder {
        let order = unlink(slot: slot)
        slotByOrder.remove(order.id)
        freeSlots.append(slot)
        return order
    }

    /// Moves an order to the back of the level at `price` with new quantities, in its own slot:
    /// what removing it and inserting it again would leave, without freeing and refilling the slot.
    mutating func move(slot: Int32, to price: Price, quantity: Quantity, remaining: Quantity) {
        var order = unlink(slot: slot)
        order.price = price
        order.quantity = quantity
        order.remaining = remaining
        link(order, at: slot)
    }

    /// Writes an order into a slot at the back of its price level, creating the level if needed.
    private mutating func link(_ order: RestingOrder, at slot: Int32) {
        var order = order
        let hint = lastRemoval.flatMap { $0.side == order.side ? $0.index : nil }
        let found = levelIndex(order.side, order.price, near: hint)
        if found.exists {
            let tail = order.side == .buy ? bids[found.index].tail : asks[found.index].tail
            order.previous = tail
            order.next = -1
            slots[Int(slot)] = order
            slots[Int(tail)].next = slot
            updateLevel(order.side, found.index) {
                $0.tail = slot
                $0.quantity += order.remaining
                $0.orderCount += 1
            }
        } else {
            order.previous = -1
            order.next = -1
            slots[Int(slot)] = order
            let level = PriceLevel(
                price: order.price, head: slot, tail: slot, quantity: order.remaining, orderCount: 1)
            if order.side == .buy { bids.insert(level, at: found.index) } else { asks.insert(level, at: found.index) }
        }
    }

    /// Takes the order in a slot out of its level, removing the level if it empties, and returns it.
    private mutating func unlink(slot: Int32) -> RestingOrder {
        let order = slots[Int(slot)]
        let found = levelIndex(order.side, order.price)
        precondition(found.exists, "resting order without a level")
        lastRemoval = (order.side, found.index)
        if order.previous >= 0 { slots[Int(order.previous)].next = order.next }
        if order.next >= 0 { slots[Int(order.next)].previous = order.previous }
        let orderCount = order.side == .buy ? bids[found.index].orderCount : asks[found.index].orderCount
        if orderCount == 1 {
            if order.side == .buy { bids.remove(at: found.index) } else { asks.remove(at: found.index) }
        } else {
            updateLevel(order.side, found.index) {
                if $0.head == slot { $0.head = order.next }
                if $0.tail == slot { $0.tail = order.previous }
                $0.quantity -= order.remaining
                $0.orderCount -= 1
            }
        }
        return order
    }

    /// Lowers an order's remaining quantity in place, keeping its priority.
    mutating func reduce(slot: Int32, by quantity: Quantity) {
        let order = slots[Int(slot)]
        precondition(quantity < order.remaining, "reduce would empty the order; remove it instead")
        slots[Int(slot)].remaining -= quantity
        let found = levelIndex(order.side, order.price)
        updateLevel(order.side, found.index) { $0.quantity -= quantity }
    }

    /// Lowers an order's total quantity in place (an amendment that keeps priority).
    mutating func shrink(slot: Int32, toQuantity newQuantity: Quantity) {
        let cut = slots[Int(slot)].quantity - newQuantity
        reduce(slot: slot, by: cut)
        slots[Int(slot)].quantity = newQuantity
    }

    /// The level `rank` places from the best on `side` (0 is the best), if the side has that many.
    func level(_ side: Side, rank: Int) -> PriceLevel? {
        switch side {
        case .buy: rank < bids.count ? bids[bids.count - 1 - rank] : nil
        case .sell: rank < asks.count ? asks[asks.count - 1 - rank] : nil
        }
    }

    private mutating func updateLevel(_ side: Side, _ index: Int, _ change: (inout PriceLevel) -> Void) {
        if side == .buy { change(&bids[index]) } else { change(&asks[index]) }
    }

    /// Binary search for `price` among a side's levels: its index, or where it would be inserted.
    ///
    /// With a `hint`, the few levels around it are tried first.
    private func levelIndex(_ side: Side, _ price: Price, near hint: Int? = nil) -> (index: Int, exists: Bool) {
        switch side {
        case .buy: Self.search(bids, for: price, descending: false, near: hint)
        case .sell: Self.search(asks, for: price, descending: true, near: hint)
        }
    }

    /// How far either side of a hint the search first looks.
    private static let hintReach = 4

    /// Binary search in levels sorted ascending (bids) or descending (asks), best last. The side's
    /// array is searched where it is, not copied.
    ///
    /// No branch depends on the prices: the range is halved `log₂(count)` times, and each step moves
    /// by a mask made from the sign of a difference of two positive prices (which cannot overflow).
    /// A branch there would be mispredicted about every other step; a conditional select is turned
    /// back into such a branch by the compiler.
    private static func search(
        _ levels: borrowing [PriceLevel], for price: Price, descending: Bool, near hint: Int?
    ) -> (index: Int, exists: Bool) {
        guard !levels.isEmpty else { return (0, false) }
        let key = descending ? -price.raw : price.raw
        func sortKey(_ index: Int) -> Int64 { descending ? -levels[index].price.raw : levels[index].price.raw }
        var base = 0
        var length = levels.count
        // The answer lies in `low...high` when the level below `low` sorts before `price` and the one
        // at `high` does not; then only that short range is searched.
        if let hint {
            let low = max(0, min(hint, levels.count) - hintReach)
            let high = min(levels.count, hint + hintReach)
            if (low == 0 || sortKey(low - 1) < key), (high == levels.count || sortKey(high) >= key) {
                base = low
                length = high - low
                guard length > 0 else { return (low, low < levels.count && levels[low].price == price) }
            }
        }
        while length > 1 {
            let half = length / 2
            let level = levels[base + half].price.raw
            // All ones when the level sorts before `price`, zero otherwise.
            let before = ((descending ? -level : level) &- key) >> 63
            base &+= half & Int(truncatingIfNeeded: before)
            length -= half
        }
        let level = levels[base].price.raw
        let index = (descending ? -level : level) < key ? base + 1 : base
        return (index, index < levels.count && levels[index].price == price)
    }
}
