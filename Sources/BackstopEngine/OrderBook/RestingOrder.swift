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
    /// The owner's label, kept inline so that the order is a plain value.
    let label: ClientOrderLabel?
    var previous: Int32 = -1
    var next: Int32 = -1

    init(
        id: OrderID, accountIndex: Int, side: Side, price: Price, quantity: Quantity, remaining: Quantity,
        timeInForce: TimeInForce, reduceOnly: Bool, selfTradePrevention: SelfTradePrevention, label: ClientOrderLabel?
    ) {
        self.id = id
        self.accountIndex = accountIndex
        self.side = side
        self.price = price
        self.quantity = quantity
        self.remaining = remaining
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.selfTradePrevention = selfTradePrevention
        self.label = label
    }

    /// An order with a client order id of at most ``ClientOrderLabel/capacity`` bytes.
    init(
        id: OrderID, accountIndex: Int, side: Side, price: Price, quantity: Quantity, remaining: Quantity,
        timeInForce: TimeInForce, reduceOnly: Bool, selfTradePrevention: SelfTradePrevention, clientOrderId: String?
    ) {
        let label = clientOrderId.map { text in
            guard let label = ClientOrderLabel(text) else {
                preconditionFailure("a client order id longer than \(ClientOrderLabel.capacity) bytes")
            }
            return label
        }
        self.init(
            id: id, accountIndex: accountIndex, side: side, price: price, quantity: quantity, remaining: remaining,
            timeInForce: timeInForce, reduceOnly: reduceOnly, selfTradePrevention: selfTradePrevention, label: label)
    }

    /// The owner's label.
    public var clientOrderId: String? { label?.text }

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
