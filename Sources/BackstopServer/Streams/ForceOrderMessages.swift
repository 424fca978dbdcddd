import BackstopCore
import BackstopEngine

/// `forceOrder` for `<symbol>@forceOrder` and `!forceOrder@arr`: one per liquidation order that the
/// book filled, at least in part, with its fills summed (what the fund or deleveraging absorbed
/// afterwards is not a public order).
enum ForceOrderMessages {
    /// The messages of the command's liquidation orders.
    static func render(events: [Event], engine: Engine, time: Timestamp) -> [StreamMessage] {
        var messages: [StreamMessage] = []
        var current: (step: LiquidationStep, filled: Quantity, value: Money)?
        func flush() {
            guard let order = current else { return }
            current = nil
            guard order.filled.isPositive, let spec = engine.market(order.step.symbol)?.spec else { return }
            let payload = payload(order.step, filled: order.filled, value: order.value, spec: spec, time: time)
            messages.append(StreamMessage(audience: StreamMessages.stream(order.step.symbol, "forceOrder"), payload: payload))
            messages.append(StreamMessage(audience: .stream("!forceOrder@arr"), payload: payload))
        }
        for event in events {
            switch event {
            case .liquidationStep(let step):
                flush()
                current = (step, .zero, .zero)
            case .trade(let trade) where trade.kind == .liquidation && trade.takerOrderId == current?.step.orderId:
                current!.filled += trade.quantity
                current!.value += trade.quantity.value(at: trade.price, rounding: .halfEven)
            default:
                break
            }
        }
        flush()
        return messages
    }

    /// A `forceOrder`: a limit IOC order at the bankruptcy price, `l` and `z` its filled quantity.
    static func payload(_ step: LiquidationStep, filled: Quantity, value: Money, spec: MarketSpec, time: Timestamp) -> String {
        var order = JSONObjectWriter()
        order.field("s", step.symbol)
        order.field("S", BinanceNames.side(step.side))
        order.field("o", "LIMIT")
        order.field("f", "IOC")
        order.field("q", BinanceFormat.quantity(step.quantity, spec))
        order.field("p", BinanceFormat.price(step.bankruptcyPrice, spec))
        order.field("ap", BinanceFormat.price(value.price(per: filled, rounding: .halfEven), spec))
        order.field("X", filled == step.quantity ? "FILLED" : "PARTIALLY_FILLED")
        order.field("l", BinanceFormat.quantity(filled, spec))
        order.field("z", BinanceFormat.quantity(filled, spec))
        order.field("T", time)
        var json = JSONObjectWriter()
        json.field("e", "forceOrder")
        json.field("E", time)
        json.raw("o", order.json)
        return json.json
    }
}
