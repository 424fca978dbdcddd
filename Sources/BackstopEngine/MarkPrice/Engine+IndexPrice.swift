import BackstopCore

extension Engine {
    /// The longest index source name accepted.
    static let maxSourceNameLength = 32

    /// Records a source's price, recomputes the index and the mark, and samples the premium for funding.
    mutating func updateIndexPrice(_ update: IndexPrice, into events: inout [Event]) throws(Rejection) {
        let market = try marketIndex(update.symbol)
        guard update.price.isPositive, update.price <= markets[market].spec.maxPrice else {
            throw Rejection(.invalidPrice, "index price must be positive and at most \(markets[market].spec.maxPrice)")
        }
        guard !update.source.isEmpty, update.source.utf8.count <= Engine.maxSourceNameLength else {
            throw Rejection(.malformed, "source must be 1 to \(Engine.maxSourceNameLength) bytes")
        }
        var state = markets[market]
        if let found = state.indexSources.firstIndex(where: { $0.source == update.source }) {
            state.indexSources[found].price = update.price
        } else {
            let insertAt = state.indexSources.firstIndex { $0.source > update.source } ?? state.indexSources.count
            state.indexSources.insert(IndexSource(source: update.source, price: update.price), at: insertAt)
        }
        let index = PriceMedian.index(
            of: state.indexSources.map(\.price), deviationLimit: state.spec.markPrice.sourceDeviationLimit)
        state.indexPrice = index
        state.recordBasis(index: index, at: time)
        state.markPrice = state.computeMark(index: index, at: time)
        markets[market] = state
        riskWork.reprice(market)
        events.append(.markPriceUpdated(MarkPriceUpdated(
            symbol: state.symbol, indexPrice: index, markPrice: state.markPrice ?? index)))
    }
}

extension MarketState {
    /// The book's mid price, when both sides have orders.
    var midPrice: Price? {
        guard let bid = book.bestBid, let ask = book.bestAsk else { return nil }
        return PriceMedian.of([bid, ask])
    }

    /// Samples `mid − index` for the mark's moving average and the premium for funding.
    mutating func recordBasis(index: Price, at time: Timestamp) {
        while let oldest = basisSamples.first, oldest.time <= time - spec.markPrice.basisWindowMilliseconds {
            basisSum -= oldest.basis.raw
            basisSamples.removeFirst()
        }
        guard let mid = midPrice else { return }
        let basis = mid - index
        basisSamples.append(BasisSample(time: time, basis: basis))
        basisSum += basis.raw
        let (sum, overflow) = funding.premiumSum.addingReportingOverflow(
            mid.relativeChange(from: index, rounding: .halfEven).raw)
        funding.premiumSum = overflow ? (sum < 0 ? .max : -Int64.max) : sum
        funding.premiumSampleCount += 1
    }

    /// The mark price by the market's method (REFERENCE section 3).
    func computeMark(index: Price, at time: Timestamp) -> Price {
        switch spec.markPrice.method {
        case .index:
            return index
        case .binance:
            let interval = spec.funding.intervalMilliseconds
            let remaining = max(0, funding.nextFundingTime - time)
            let fundingBasis = index.times(funding.lastRate, rounding: .halfEven)
            let first = index + Price(raw: FixedPointMath.narrow(
                FixedPointMath.divide(
                    Int128(fundingBasis.raw) * Int128(remaining), by: Int128(interval), rounding: .halfEven),
                "mark funding term"))
            let averageBasis = basisSamples.isEmpty
                ? Price.zero
                : Price(raw: FixedPointMath.narrow(
                    FixedPointMath.divide(Int128(basisSum), by: Int128(basisSamples.count), rounding: .halfEven),
                    "mark basis average"))
            let second = index + averageBasis
            var candidates = [first, second]
            if let last = lastTradePrice { candidates.append(last) }
            return max(PriceMedian.of(candidates), spec.tickSize)
        }
    }
}
