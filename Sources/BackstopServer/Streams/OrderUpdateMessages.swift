import BackstopCore
import BackstopEngine

/// `ORDER_TRADE_UPDATE` on the owner's user data stream for each order change of the command.
///
/// Liquidation orders have type `LIQUIDATION` and a client order id `autoclose-…`; positions closed
/// off the book are filled orders of execution type `CALCULATED`, `adl_autoclose` for a
/// deleveraged counterparty, as Binance reports them.
enum OrderUpdateMessages {
    /// The messages of the command's order changes; engine-run accounts have no stream.
    static func render(updates: [OrderUpdate], engine: Engine, time: Timestamp) -> [StreamMessage] {
        updates.compactMap { update in
            guard let market = engine.market(update.order.symbol), let account = engine.account(update.order.account),
                account.role == .trader
            else { return nil }
            let position = account.position(market: market.index)
            return StreamMessage(
                audience: .account(update.order.account),
                payload: payload(
                    update, spec: market.spec, bidNotional: position?.buyOrders.value ?? .zero,
                    askNotional: position?.sellOrders.value ?? .zero, time: time))
        }
    }

    /// One `ORDER_TRADE_UPDATE`; `b` and `a` are the account's open order value on each side.
    static func payload(_ update: OrderUpdate, spec: MarketSpec, bidNotional: Money, askNotional: Money, time: Timestamp) -> String {
        let order = update.order
        let fill = update.fill
        var body = JSONObjectWriter()
        body.field("s", order.symbol)
        body.field("c", order.clientOrderId)
        body.field("S", BinanceNames.side(order.side))
        body.field("o", order.kind.rawValue)
        body.field("f", BinanceNames.timeInForce(order.timeInForce))
        body.field("q", BinanceFormat.quantity(order.quantity, spec))
        body.field("p", order.price.map { BinanceFormat.price($0, spec) } ?? "0")
        body.field("ap", order.filled.isZero ? "0" : BinanceFormat.price(order.averagePrice, spec))
        body.field("sp", "0")
        body.field("x", update.execution.rawValue)
        body.field("X", update.status.rawValue)
        body.field("i", order.orderId.rawValue)
        body.field("l", fill.map { BinanceFormat.quantity($0.quantity, spec) } ?? "0")
        body.field("z", BinanceFormat.quantity(order.filled, spec))
        body.field("L", fill.map { BinanceFormat.price($0.price, spec) } ?? "0")
        body.field("N", spec.quoteAsset)
        body.field("n", (fill?.fee ?? .zero).description)
        body.field("T", time)
        body.field("t", fill?.tradeId ?? 0)
        body.field("b", bidNotional.description)
        body.field("a", askNotional.description)
        body.field("m", fill?.maker ?? false)
        body.field("R", order.reduceOnly)
        body.field("wt", "CONTRACT_PRICE")
        body.field("ot", order.kind.rawValue)
        body.field("ps", "BOTH")
        body.field("cp", false)
        body.field("rp", (fill?.realizedPnL ?? .zero).description)
        body.field("pP", false)
        body.field("si", 0)
        body.field("ss", 0)
        body.field("V", BinanceNames.selfTradePrevention(order.selfTradePrevention))
        body.field("pm", "NONE")
        body.field("gtd", 0)
        var json = JSONObjectWriter()
        json.field("e", "ORDER_TRADE_UPDATE")
        json.field("E", time)
        json.field("T", time)
        json.raw("o", body.json)
        return json.json
    }
}
