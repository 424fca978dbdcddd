import BackstopCore
import BackstopEngine

/// What the public market data and the streams need beyond the engine's state, built from the
/// events of every accepted command: the depth update ids of each book, recent public trades, the
/// last 24 hours of trading, funding settlements, the terms of open orders and accumulated realized
/// profit. It is a read model: it never feeds back into the engine, and replaying the journal
/// rebuilds it exactly.
///
/// It also keeps what the latest command changed (``latestDepthChanges`` and
/// ``latestOrderUpdates``), which the stream messages of that command are rendered from.
public struct MarketFeed: Sendable {
    /// An account's position in one market.
    public struct PositionKey: Hashable, Sendable {
        public var account: AccountID
        public var symbol: String
    }

    /// Each market's last depth update id: the `u` of its latest `depthUpdate` and the
    /// `lastUpdateId` of its depth snapshot. It grows by one with each command that changes the book.
    public internal(set) var depthUpdateIds: [String: UInt64] = [:]
    /// Each market's latest public trades.
    public internal(set) var recentTrades: [String: RecentTrades] = [:]
    /// Each market's trading of the last 24 hours.
    public internal(set) var tradeWindows: [String: TradeWindow] = [:]
    /// Every funding settlement, oldest first.
    public internal(set) var fundingHistory: [FundingRecord] = []
    /// When each market was listed.
    public internal(set) var listingTimes: [String: Timestamp] = [:]
    /// The terms and fills of every open trader order.
    public internal(set) var openOrders: [OrderID: OrderFacts] = [:]
    /// Realized profit before fees, accumulated per position (Binance's `cr`).
    public internal(set) var realizedPnL: [PositionKey: Money] = [:]
    /// The price levels the latest command changed, per market.
    public internal(set) var latestDepthChanges: [DepthChange] = []
    /// The order changes of the latest command, in order.
    public internal(set) var latestOrderUpdates: [OrderUpdate] = []

    /// An empty feed.
    public init() {}

    /// Takes in one accepted command and its events.
    public mutating func record(_ command: Command, _ events: [Event]) {
        latestDepthChanges = []
        latestOrderUpdates = []
        if case .rejected = events.first { return }
        var pass = Pass(time: command.time)
        if case .placeOrder(let order) = command.action { pass.selfTradePrevention = order.selfTradePrevention }
        for event in events {
            take(event, in: &pass)
        }
        finishLiquidationOrder(in: &pass)
        for id in pass.placed {
            guard var order = openOrders[id], !order.resting else { continue }
            order.resting = true
            openOrders[id] = order
            pass.levelChanged(order.symbol, order.side, order.price)
        }
        for (symbol, levels) in pass.levels {
            let updateId = depthUpdateIds[symbol, default: 0] + 1
            depthUpdateIds[symbol] = updateId
            latestDepthChanges.append(DepthChange(
                symbol: symbol, updateId: updateId, previousUpdateId: updateId - 1, bids: levels.bids, asks: levels.asks))
        }
    }

    /// A market's last depth update id; 0 before its book first changed.
    public func depthUpdateId(_ symbol: String) -> UInt64 { depthUpdateIds[symbol] ?? 0 }

    /// What one command is in the middle of changing.
    struct Pass {
        var time: Timestamp
        var selfTradePrevention = SelfTradePrevention.expireTaker
        /// Orders accepted or moved: those still open at the end rest in the book.
        var placed: [OrderID] = []
        /// The liquidation order whose fills are being read.
        var liquidationOrder: OrderFacts?
        /// Changed price levels per market, markets and prices in the order first changed.
        var levels: [(symbol: String, levels: (bids: [Price], asks: [Price]))] = []
        /// The levels in `levels`, to find one at once.
        var changed: Set<Level> = []

        /// One price level of one market.
        struct Level: Hashable {
            var symbol: String
            var side: Side
            var price: Price
        }

        init(time: Timestamp) { self.time = time }

        mutating func levelChanged(_ symbol: String, _ side: Side, _ price: Price?) {
            guard let price, changed.insert(Level(symbol: symbol, side: side, price: price)).inserted else { return }
            let index = levels.firstIndex { $0.symbol == symbol } ?? {
                levels.append((symbol, ([], [])))
                return levels.count - 1
            }()
            if side == .buy {
                levels[index].levels.bids.append(price)
            } else {
                levels[index].levels.asks.append(price)
            }
        }
    }

    private mutating func take(_ event: Event, in pass: inout Pass) {
        switch event {
        case .marketCreated(let created):
            listingTimes[created.symbol] = pass.time
        case .orderAccepted(let accepted):
            accept(accepted, in: &pass)
        case .trade(let trade):
            record(trade, in: &pass)
        case .orderClosed(let closed):
            close(closed, in: &pass)
        case .orderAmended(let amended):
            amend(amended, in: &pass)
        case .fundingSettled(let settled):
            fundingHistory.append(FundingRecord(
                symbol: settled.symbol, time: pass.time, rate: settled.rate, markPrice: settled.markPrice))
        case .liquidationStep(let step):
            finishLiquidationOrder(in: &pass)
            pass.liquidationOrder = OrderFacts(
                orderId: step.orderId, account: step.account, symbol: step.symbol, side: step.side, kind: .liquidation,
                timeInForce: .ioc, price: step.bankruptcyPrice, quantity: step.quantity, reduceOnly: true,
                clientOrderId: Self.autocloseId(time: pass.time, order: step.orderId), selfTradePrevention: .none)
        case .liquidationFeeCharged, .fundTakeover, .fundRefused, .liquidationEnded, .vaultTakeover:
            finishLiquidationOrder(in: &pass)
        default:
            break
        }
    }

    /// Binance's client order id of a liquidation order, `autoclose-` and a number.
    static func autocloseId(time: Timestamp, order: OrderID) -> String { "autoclose-\(time)\(order)" }
}

/// A market's funding settlement, as `/fapi/v1/fundingRate` lists it.
public struct FundingRecord: Hashable, Sendable {
    public var symbol: String
    public var time: Timestamp
    public var rate: Rate
    public var markPrice: Price
}

/// The price levels of one market that one command changed, with the depth update ids of the
/// `depthUpdate` that reports them.
public struct DepthChange: Hashable, Sendable {
    public var symbol: String
    /// `U` and `u`: each command that changes the book is one update.
    public var updateId: UInt64
    /// `pu`: the previous update's `u`.
    public var previousUpdateId: UInt64
    /// Changed bid prices, in the order first changed.
    public var bids: [Price]
    /// Changed ask prices, in the order first changed.
    public var asks: [Price]
}
