import BackstopCore
import BackstopEngine

/// `aggTrade` for `<symbol>@aggTrade` and `trade` for `<symbol>@trade`, from the book's trades
/// (liquidation orders' fills included; takeovers and deleveraging are not public trades).
///
/// An aggregate trade gathers the consecutive fills of one taker order at one price; its id is its
/// first trade's id, so ids grow with trades.
enum TradeMessages {
    /// The messages of the command's public trades.
    static func render(events: [Event], engine: Engine, time: Timestamp) -> [StreamMessage] {
        var messages: [StreamMessage] = []
        var aggregate: (first: Trade, last: Trade, quantity: Quantity)?
        func flush() {
            guard let group = aggregate else { return }
            aggregate = nil
            guard let spec = engine.market(group.first.symbol)?.spec else { return }
            messages.append(StreamMessage(
                audience: StreamMessages.stream(group.first.symbol, "aggTrade"),
                payload: aggTradePayload(group.first, last: group.last, quantity: group.quantity, spec: spec, time: time)))
        }
        for case .trade(let trade) in events where trade.kind == .match || trade.kind == .liquidation {
            guard let spec = engine.market(trade.symbol)?.spec else { continue }
            messages.append(StreamMessage(
                audience: StreamMessages.stream(trade.symbol, "trade"), payload: tradePayload(trade, spec: spec, time: time)))
            if let group = aggregate, group.first.takerOrderId == trade.takerOrderId, group.first.price == trade.price,
                group.first.symbol == trade.symbol
            {
                aggregate = (group.first, trade, group.quantity + trade.quantity)
            } else {
                flush()
                aggregate = (trade, trade, trade.quantity)
            }
        }
        flush()
        return messages
    }

    /// An `aggTrade`: `m` is true when the buyer was the maker (the taker sold).
    static func aggTradePayload(_ first: Trade, last: Trade, quantity: Quantity, spec: MarketSpec, time: Timestamp) -> String {
        var json = JSONObjectWriter()
        json.field("e", "aggTrade")
        json.field("E", time)
        json.field("s", first.symbol)
        json.field("a", first.tradeId)
        json.field("p", BinanceFormat.price(first.price, spec))
        json.field("q", BinanceFormat.quantity(quantity, spec))
        json.field("nq", BinanceFormat.quantity(quantity, spec))
        json.field("f", first.tradeId)
        json.field("l", last.tradeId)
        json.field("T", time)
        json.field("m", first.takerSide == .sell)
        return json.json
    }

    /// A `trade`.
    static func tradePayload(_ trade: Trade, spec: MarketSpec, time: Timestamp) -> String {
        var json = JSONObjectWriter()
        json.field("e", "trade")
        json.field("E", time)
        json.field("T", time)
        json.field("s", trade.symbol)
        json.field("t", trade.tradeId)
        json.field("p", BinanceFormat.price(trade.price, spec))
        json.field("q", BinanceFormat.quantity(trade.quantity, spec))
        json.field("X", trade.kind == .liquidation ? "LIQUIDATION" : "MARKET")
        json.field("m", trade.takerSide == .sell)
        return json.json
    }
}
