import BackstopCore
import BackstopEngine

/// Binance's decimal formatting of the engine's numbers, shared by the public market data and the
/// streams; ``BinanceNames`` spells its enumerations.
enum BinanceFormat {
    /// The number of decimals a step (tick or lot size) has: 1 for `0.1`, 0 for `1`.
    static func places<Value: FixedPointDecimal>(of step: Value) -> Int {
        guard let point = step.description.firstIndex(of: ".") else { return 0 }
        return step.description.distance(from: point, to: step.description.endIndex) - 1
    }

    /// A price with the market's price precision, such as `65000.0`.
    static func price(_ price: Price, _ spec: MarketSpec) -> String {
        price.formatted(places: places(of: spec.tickSize))
    }

    /// A quantity with the market's quantity precision, such as `0.010`.
    static func quantity(_ quantity: Quantity, _ spec: MarketSpec) -> String {
        quantity.formatted(places: places(of: spec.lotSize))
    }
}
