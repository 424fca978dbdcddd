import BackstopCore
import BackstopEngine

/// `markPriceUpdate` for `<symbol>@markPrice` (and `@1s`, the same audience) and `!markPrice@arr`,
/// on each mark price update.
enum MarkPriceMessages {
    /// The messages of the command's mark price updates.
    static func render(events: [Event], engine: Engine, time: Timestamp) -> [StreamMessage] {
        var messages: [StreamMessage] = []
        var all: [String] = []
        for case .markPriceUpdated(let update) in events {
            guard let market = engine.market(update.symbol) else { continue }
            let payload = payload(update, market: market, time: time)
            messages.append(StreamMessage(audience: StreamMessages.stream(update.symbol, "markPrice"), payload: payload))
            all.append(payload)
        }
        if !all.isEmpty {
            messages.append(StreamMessage(audience: .stream("!markPrice@arr"), payload: JSONText.array(all)))
        }
        return messages
    }

    /// One market's `markPriceUpdate`; the estimated settle price is the index.
    static func payload(_ update: MarkPriceUpdated, market: MarketState, time: Timestamp) -> String {
        var json = JSONObjectWriter()
        json.field("e", "markPriceUpdate")
        json.field("E", time)
        json.field("s", update.symbol)
        json.field("p", update.markPrice.formatted(places: Price.decimals))
        json.field("i", update.indexPrice.formatted(places: Price.decimals))
        json.field("P", update.indexPrice.formatted(places: Price.decimals))
        json.field("r", market.funding.lastRate.formatted(places: Rate.decimals))
        json.field("T", market.funding.nextFundingTime)
        return json.json
    }
}
