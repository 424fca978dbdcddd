import BackstopCore
@testable import BackstopEngine
import Testing

extension Markets {
    /// BTCUSDT whose mark price is the index itself, so funding and margin tests control it exactly.
    static let btcusdtIndexMark: MarketSpec = {
        var spec = Markets.btcusdt
        spec.markPrice = MarkPriceSpec(method: .index)
        return spec
    }()
}

extension Rate {
    static func of(_ text: String) -> Rate { Rate(text)! }
}

extension TestVenue {
    /// Applies an action at exactly `time` (the venue clock jumps there).
    @discardableResult
    mutating func apply(_ action: Command.Action, at time: Timestamp) -> [Event] {
        clock = time - 1
        return apply(action)
    }

    /// Applies an action that must be rejected and reports the reason and whether the rejection left
    /// the state hash and the engine's time exactly as they were.
    mutating func reject(_ action: Command.Action) -> (reason: RejectReason?, unchanged: Bool) {
        let hash = engine.stateHash
        let time = engine.time
        let events = apply(action)
        let unchanged = engine.stateHash == hash && engine.time == time
        guard events.count == 1, let rejection = events.first?.rejection else { return (nil, unchanged) }
        return (rejection.reason, unchanged)
    }

    /// The account (it must exist).
    func account(_ id: AccountID) -> Account { engine.account(id)! }

    /// The account's available balance (free collateral).
    func available(_ id: AccountID) -> Money { engine.availableBalance(of: account(id)) }

    /// Places a limit order in ETHUSDT.
    @discardableResult
    mutating func ethLimit(
        _ account: AccountID, _ side: Side, _ quantity: String, at price: String, timeInForce: TimeInForce = .gtc
    ) -> [Event] {
        limit(account, side, quantity, at: price, symbol: "ETHUSDT", timeInForce: timeInForce)
    }

    /// Moves the index (source `index`) of a market.
    @discardableResult
    mutating func index(_ price: String, symbol: String = "BTCUSDT", source: String = "index") -> [Event] {
        expectAccepted(.indexPrice(IndexPrice(symbol: symbol, source: source, price: .of(price))))
    }

    /// The order numbers of one side of a book in priority order.
    func bookOrders(_ side: Side, _ symbol: String = "BTCUSDT") -> [OrderID] {
        engine.market(symbol)!.book.orders(side).map(\.id)
    }
}

extension Event {
    /// A one-line summary that names what a behaviour test cares about, for comparing sequences.
    var brief: String {
        switch self {
        case .orderAccepted(let e): "accepted #\(e.orderId)"
        case .trade(let e):
            "trade \(e.quantity)@\(e.price) taker #\(e.takerOrderId) maker #\(e.makerOrderId)"
        case .orderClosed(let e):
            "closed #\(e.orderId) \(e.reason.rawValue) filled \(e.filledQuantity) left \(e.remainingQuantity)"
        case .orderAmended(let e):
            "amended #\(e.orderId) \(e.quantity)@\(e.price) kept \(e.keptPriority)"
        case .rejected(let e): "rejected \(e.reason.rawValue)"
        case .fundingPaid(let e): "funding \(e.account) \(e.amount)"
        case .fundingSettled(let e): "settled \(e.rate) on \(e.amount)"
        case .markPriceUpdated(let e): "mark \(e.markPrice) index \(e.indexPrice)"
        default: type
        }
    }

    /// The order number of an accepted order, if this event is one.
    var acceptedID: OrderID? { orderAccepted?.orderId }
}

extension Array where Element == Event {
    /// The number given to the order these events accepted.
    var acceptedID: OrderID? { lazy.compactMap(\.acceptedID).first }
}
