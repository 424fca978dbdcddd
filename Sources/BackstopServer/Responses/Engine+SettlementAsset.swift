import BackstopEngine

extension Engine {
    /// The asset positions settle in: the first market's quote asset.
    var settlementAsset: String { markets.first?.spec.quoteAsset ?? "USDT" }

    /// The asset a market settles in.
    func settlementAsset(of symbol: String) -> String {
        market(symbol)?.spec.quoteAsset ?? settlementAsset
    }
}
