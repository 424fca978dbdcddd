import BackstopCore

extension Engine {
    /// Lists a market.
    mutating func createMarket(_ spec: MarketSpec, into events: inout [Event]) throws(Rejection) {
        let valid: MarketSpec
        do {
            valid = try spec.validated()
        } catch {
            throw Rejection(.invalidMarketSpec, error.description)
        }
        if let pool = valid.liquidation.insuranceFund, poolIndexByName[pool] == nil {
            throw Rejection(.invalidMarketSpec, "liquidation.insuranceFund: no insurance fund named '\(pool)'")
        }
        guard marketIndexBySymbol[valid.symbol] == nil else {
            throw Rejection(.marketExists, "market '\(valid.symbol)' exists already")
        }
        let index = markets.count
        markets.append(MarketState(spec: valid, index: index, createdAt: time))
        marketIndexBySymbol[valid.symbol] = index
        events.append(.marketCreated(MarketCreated(symbol: valid.symbol)))
    }
}
