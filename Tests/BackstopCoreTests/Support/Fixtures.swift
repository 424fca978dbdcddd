import BackstopCore

/// Literal helpers: fixtures read like the venue's own numbers.
func price(_ text: String) -> Price { Price(text)! }
func quantity(_ text: String) -> Quantity { Quantity(text)! }
func money(_ text: String) -> Money { Money(text)! }
func rate(_ text: String) -> Rate { Rate(text)! }

enum Fixtures {
    /// Modelled on Binance BTCUSDT: floors 0 / 50,000 / 250,000 / 1,000,000,
    /// leverage 125 / 100 / 50 / 20, MMR 0.4% / 0.5% / 1% / 2.5%.
    static let btcusdtTiers = [
        RiskTier(notionalFloor: money("0"), maxLeverage: 125, maintenanceMarginRate: rate("0.004")),
        RiskTier(notionalFloor: money("50000"), maxLeverage: 100, maintenanceMarginRate: rate("0.005")),
        RiskTier(notionalFloor: money("250000"), maxLeverage: 50, maintenanceMarginRate: rate("0.01")),
        RiskTier(notionalFloor: money("1000000"), maxLeverage: 20, maintenanceMarginRate: rate("0.025")),
    ]

    /// Hand-computed `cum` per tier: 0; 50,000 × 0.001 = 50; 250,000 × 0.005 + 50 = 1,300;
    /// 1,000,000 × 0.015 + 1,300 = 16,300.
    static let btcusdtMaintenanceAmounts = [money("0"), money("50"), money("1300"), money("16300")]

    static let btcusdt = MarketSpec(
        symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT",
        tickSize: price("0.1"), lotSize: quantity("0.001"), minNotional: money("100"),
        maxOrderQuantity: quantity("1000"), maxPrice: price("1000000"),
        riskTiers: btcusdtTiers,
        makerFeeRate: rate("0.0002"), takerFeeRate: rate("0.0005"), liquidationFeeRate: rate("0.0125"))
}

extension MarketSpec {
    /// This spec with one change, for building bad specs from a good one.
    func with(_ change: (inout MarketSpec) -> Void) -> MarketSpec {
        var spec = self
        change(&spec)
        return spec
    }
}
