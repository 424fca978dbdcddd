import BackstopCore
import BackstopEngine

/// `24hrTicker` for `<symbol>@ticker` and `!ticker@arr`, and `24hrMiniTicker` for
/// `<symbol>@miniTicker` and `!miniTicker@arr`, after each command with public trades in a market.
///
/// The figures are the ones `GET /fapi/v1/ticker/24hr` answers at the command's time, from the
/// same 24-hour window (see ``MarketDataTickers``). Binance pushes tickers about once a second; this
/// venue pushes one per command that traded, so no ticker ever repeats the previous one.
enum TickerMessages {
    /// The messages for the markets the command traded in, in the order of their first trade.
    static func render(events: [Event], engine: Engine, feed: MarketFeed, time: Timestamp) -> [StreamMessage] {
        var symbols: [String] = []
        for case .trade(let trade) in events where trade.kind == .match || trade.kind == .liquidation {
            if !symbols.contains(trade.symbol) { symbols.append(trade.symbol) }
        }
        var messages: [StreamMessage] = []
        var tickers: [String] = []
        var miniTickers: [String] = []
        for symbol in symbols {
            guard let market = engine.market(symbol) else { continue }
            let day = MarketDataTickers.day(market, feed: feed, now: time)
            let ticker = tickerPayload(day, time: time)
            let miniTicker = miniTickerPayload(day, time: time)
            messages.append(StreamMessage(audience: StreamMessages.stream(symbol, "ticker"), payload: ticker))
            messages.append(StreamMessage(audience: StreamMessages.stream(symbol, "miniTicker"), payload: miniTicker))
            tickers.append(ticker)
            miniTickers.append(miniTicker)
        }
        if !tickers.isEmpty {
            messages.append(StreamMessage(audience: .stream("!ticker@arr"), payload: JSONText.array(tickers)))
            messages.append(StreamMessage(audience: .stream("!miniTicker@arr"), payload: JSONText.array(miniTickers)))
        }
        return messages
    }

    /// A `24hrTicker`: `p` change, `P` change percent, `w` weighted average, `c` last price, `Q`
    /// last quantity, `o` `h` `l` open, high and low, `v` and `q` base and quote volume, `O` and `C`
    /// the window's open and close time, `F` and `L` its first and last trade id, `n` its trade count.
    static func tickerPayload(_ day: MarketDataTickers.Day, time: Timestamp) -> String {
        var json = JSONObjectWriter()
        json.field("e", "24hrTicker")
        json.field("E", time)
        json.field("s", day.symbol)
        json.field("p", day.priceChange)
        json.field("P", day.priceChangePercent)
        json.field("w", day.weightedAvgPrice)
        json.field("c", day.lastPrice)
        json.field("Q", day.lastQty)
        json.field("o", day.openPrice)
        json.field("h", day.highPrice)
        json.field("l", day.lowPrice)
        json.field("v", day.volume)
        json.field("q", day.quoteVolume)
        json.field("O", day.openTime)
        json.field("C", day.closeTime)
        json.field("F", day.firstId)
        json.field("L", day.lastId)
        json.field("n", day.count)
        return json.json
    }

    /// A `24hrMiniTicker`: `c` last price, `o` `h` `l` open, high and low, `v` and `q` base and
    /// quote volume.
    static func miniTickerPayload(_ day: MarketDataTickers.Day, time: Timestamp) -> String {
        var json = JSONObjectWriter()
        json.field("e", "24hrMiniTicker")
        json.field("E", time)
        json.field("s", day.symbol)
        json.field("c", day.lastPrice)
        json.field("o", day.openPrice)
        json.field("h", day.highPrice)
        json.field("l", day.lowPrice)
        json.field("v", day.volume)
        json.field("q", day.quoteVolume)
        return json.json
    }
}
