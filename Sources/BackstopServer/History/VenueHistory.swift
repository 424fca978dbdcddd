import BackstopEngine

/// What the venue remembers beyond the engine's state, built from the events of every accepted
/// command: finished orders, fills, income and forced closes, as Binance's history endpoints serve
/// them, and the venue-wide log of liquidations and deleveraging. It is a read model: it never feeds
/// back into the engine.
///
/// Memory is bounded per account: each keeps its newest ``entriesPerAccount`` fills, income entries,
/// forced closes and closed orders.
public struct VenueHistory: Sendable {
    /// How many entries of each kind are kept per account.
    public static let entriesPerAccount = 1_000

    /// Recent liquidations and deleveraging rounds across the venue.
    public private(set) var riskEvents = RiskEventLog()
    /// Depth update ids, recent trades, funding settlements and open orders' terms, for the public
    /// market data and the streams.
    public private(set) var marketFeed = MarketFeed()
    /// Open orders and each account's recently closed ones.
    public internal(set) var orders = OrderHistory()
    /// Each account's fills, oldest first.
    public internal(set) var trades = AccountLogs<AccountTrade>(capacity: entriesPerAccount)
    /// Each account's wallet changes, oldest first.
    public internal(set) var income = AccountLogs<IncomeEntry>(capacity: entriesPerAccount)
    /// Each account's liquidation orders and deleveraging closes, oldest first.
    public internal(set) var forceOrders = AccountLogs<ForceOrderRecord>(capacity: entriesPerAccount)
    /// When each account's balance or positions last changed.
    public internal(set) var accountUpdateTimes: [AccountID: Timestamp] = [:]
    /// When each position last changed.
    public internal(set) var positionUpdateTimes: [PositionKey: Timestamp] = [:]
    var nextTransactionId: UInt64 = 1

    /// An empty history.
    public init() {}

    /// Takes in one accepted command and its events.
    public mutating func record(_ command: Command, _ events: [Event]) {
        riskEvents.record(command, events)
        marketFeed.record(command, events)
        var recorder = HistoryRecorder(command)
        for event in events {
            recorder.record(event, into: &self)
        }
    }
}

/// An account's position in one market, as a key.
public struct PositionKey: Hashable, Sendable {
    /// The account.
    public var account: AccountID
    /// The market.
    public var symbol: String

    /// Creates a key.
    public init(account: AccountID, symbol: String) {
        self.account = account
        self.symbol = symbol
    }
}
