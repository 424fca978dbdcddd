import BackstopCore

/// An order resting in a book, stored in the book's slab with links to its neighbours at its price.
public struct RestingOrder: Hashable, Sendable, Codable {
    /// The order's number.
    public let id: OrderID
    /// The owner's position in the engine's account table.
    public let accountIndex: Int
    /// Buy or sell.
    public let side: Side
    /// The limit price.
    public internal(set) var price: Price
    /// The total quantity ordered, filled part included.
    public internal(set) var quantity: Quantity
    /// The part not yet filled.
    public internal(set) var remaining: Quantity
    /// True for GTX orders (kept for amendments).
    public let timeInForce: TimeInForce
    /// Reduce-only orders never increase the position.
    public let reduceOnly: Bool
    /// What to do on a self-trade when this order is the taker after an amendment.
    public let selfTradePrevention: SelfTradePrevention
    /// The owner's label.
    public let clientOrderId: String?
    var previous: Int32 = -1
    var next: Int32 = -1

    /// The filled part.
    public var filled: Quantity { quantity - remaining }
}

/// One price of one side of a book: a FIFO of orders linked through the slab.
struct PriceLevel: Hashable, Sendable, Codable {
    var price: Price
    var head: Int32
    var tail: Int32
    var quantity: Quantity
    var orderCount: Int
}
