import BackstopEngine

/// Turns one command's events into the stream messages Binance would send for them, reading the
/// state right after the command.
///
/// Event time `E` and transaction time `T` are the command's time. Market streams come first, in
/// the order of the events behind them (mark prices, trades and the tickers they move, depth and
/// the best bid and ask, forced orders), then each account's user data.
public enum StreamMessages {
    /// The messages for `events`, in order.
    public static func render(command: Command, events: [Event], engine: Engine, history: VenueHistory) -> [StreamMessage] {
        if case .rejected = events.first { return [] }
        let time = command.time
        var messages = MarkPriceMessages.render(events: events, engine: engine, time: time)
        messages += TradeMessages.render(events: events, engine: engine, time: time)
        messages += TickerMessages.render(events: events, engine: engine, feed: history.marketFeed, time: time)
        messages += DepthMessages.render(changes: history.marketFeed.latestDepthChanges, engine: engine, time: time)
        messages += BookTickerMessages.render(changes: history.marketFeed.latestDepthChanges, engine: engine, time: time)
        messages += ForceOrderMessages.render(events: events, engine: engine, time: time)
        messages += OrderUpdateMessages.render(updates: history.marketFeed.latestOrderUpdates, engine: engine, time: time)
        messages += AccountUpdateMessages.render(events: events, engine: engine, feed: history.marketFeed, time: time)
        return messages
    }

    /// The stream name of a market's stream: the symbol in lower case, `@`, the stream's kind.
    static func stream(_ symbol: String, _ kind: String) -> StreamMessage.Audience {
        .stream(symbol.lowercased() + "@" + kind)
    }
}
