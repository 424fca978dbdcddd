import BackstopEngine

/// What the venue remembers beyond the engine's state, built from the events of every accepted
/// command: finished orders, fills, income and forced closes, as Binance's history endpoints serve
/// them, and the venue-wide log of liquidations and deleveraging. It is a read model: it never feeds
/// back into the engine.
public struct VenueHistory: Sendable {
    /// Recent liquidations and deleveraging rounds across the venue.
    public private(set) var riskEvents = RiskEventLog()
    /// Depth update ids, recent trades, funding settlements and open orders' terms, for the public
    /// market data and the streams.
    public private(set) var marketFeed = MarketFeed()

    /// An empty history.
    public init() {}

    /// Takes in one accepted command and its events.
    public mutating func record(_ command: Command, _ events: [Event]) {
        riskEvents.record(command, events)
        marketFeed.record(command, events)
    }
}
