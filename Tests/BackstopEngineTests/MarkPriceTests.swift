import BackstopCore
@testable import BackstopEngine
import Testing

/// Index and mark prices (REFERENCE section 3) in BTCUSDT with Binance's mark method.
@Suite struct MarkPriceTests {
    struct Source: Sendable {
        var name: String
        var price: String
    }

    struct IndexCase: CustomTestStringConvertible, Sendable {
        var name: String
        var sources: [Source]
        var index: String
        var testDescription: String { name }
    }

    @Test("the index is the median of the sources near their median", arguments: [
        IndexCase(name: "one source", sources: [Source(name: "a", price: "65000")], index: "65000"),
        IndexCase(name: "three sources: the median",
                  sources: [Source(name: "a", price: "65000"), Source(name: "b", price: "65200"),
                            Source(name: "c", price: "65100")], index: "65100"),
        IndexCase(name: "two sources: the mean",
                  sources: [Source(name: "a", price: "65000"), Source(name: "b", price: "65100")], index: "65050"),
        IndexCase(name: "two sources: the mean rounds half-even",
                  sources: [Source(name: "a", price: "65000.00000001"), Source(name: "b", price: "65000.00000002")],
                  index: "65000.00000002"),
        IndexCase(name: "a source far above is dropped, leaving the mean of two",
                  sources: [Source(name: "a", price: "60000"), Source(name: "b", price: "60100"),
                            Source(name: "c", price: "70000")], index: "60050"),
        IndexCase(name: "a source far below is dropped, leaving the mean of two",
                  sources: [Source(name: "a", price: "50000"), Source(name: "b", price: "65000"),
                            Source(name: "c", price: "65100")], index: "65050"),
        IndexCase(name: "a source exactly 5% away is kept",
                  sources: [Source(name: "a", price: "59000"), Source(name: "b", price: "60000"),
                            Source(name: "c", price: "63000")], index: "60000"),
        IndexCase(name: "a source just over 5% away is dropped",
                  sources: [Source(name: "a", price: "59000"), Source(name: "b", price: "60000"),
                            Source(name: "c", price: "63000.1")], index: "59500"),
        IndexCase(name: "a source's new price replaces its old one",
                  sources: [Source(name: "a", price: "65000"), Source(name: "b", price: "65100"),
                            Source(name: "a", price: "65300")], index: "65200"),
    ])
    func index(_ test: IndexCase) {
        var venue = TestVenue(markets: [], accounts: [])
        venue.expectAccepted(.createMarket(Markets.btcusdt))
        var last: [Event] = []
        for source in test.sources {
            last = venue.index(source.price, source: source.name)
        }
        // No book and no trade: the mark is the index.
        #expect(last == [.markPriceUpdated(MarkPriceUpdated(
            symbol: "BTCUSDT", indexPrice: .of(test.index), markPrice: .of(test.index)))])
        #expect(venue.engine.market("BTCUSDT")?.indexPrice == .of(test.index))
        #expect(venue.engine.market("BTCUSDT")?.indexSources.map(\.source)
            == Array(Set(test.sources.map(\.name))).sorted())
    }

    struct BinanceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var lastTrade: String
        var mark: String
        var testDescription: String { name }
    }

    /// After a settlement at 0.0001, half an interval before the next one, with index 64900 and a book
    /// whose mid is 65000: P1 = 64900 × (1 + 0.0001 × 1/2) = 64903.245, P2 = 64900 + 100 = 65000.
    @Test("Binance's mark is the median of the funding term, the basis term and the last trade", arguments: [
        BinanceCase(name: "last trade above both: the basis term", lastTrade: "65100", mark: "65000"),
        BinanceCase(name: "last trade below both: the funding term", lastTrade: "64850", mark: "64903.245"),
        BinanceCase(name: "last trade between: the last trade", lastTrade: "64950", mark: "64950"),
    ])
    func binanceMark(_ test: BinanceCase) {
        var venue = TestVenue()
        let settled = venue.apply(.settleFunding(SettleFunding(symbol: "BTCUSDT")), at: 28_800_000)
        #expect(settled.map(\.brief) == ["settled 0.0001 on 0"])
        #expect(venue.engine.market("BTCUSDT")?.funding.nextFundingTime == 57_600_000)
        venue.limit(Trader.carol, .sell, "0.1", at: test.lastTrade)
        venue.market(Trader.alice, .buy, "0.1")
        venue.limit(Trader.alice, .buy, "1", at: "64950")
        venue.limit(Trader.bob, .sell, "1", at: "65050")
        #expect(venue.engine.market("BTCUSDT")?.lastTradePrice == .of(test.lastTrade))

        let events = venue.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: .of("64900"))), at: 43_200_000)
        #expect(events == [.markPriceUpdated(MarkPriceUpdated(
            symbol: "BTCUSDT", indexPrice: .of("64900"), markPrice: .of(test.mark)))])
        #expect(venue.engine.market("BTCUSDT")?.markPrice == .of(test.mark))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test("the basis term averages (mid − index) over the last 30 s; older samples drop out")
    func basisWindow() {
        var venue = TestVenue()
        // A trade far above keeps the last trade out of the median; no settlement yet, so P1 = index.
        venue.limit(Trader.carol, .sell, "0.1", at: "66000")
        venue.market(Trader.alice, .buy, "0.1")
        venue.limit(Trader.alice, .buy, "1", at: "64950")
        venue.limit(Trader.bob, .sell, "1", at: "65050")
        let t = Timestamp(1_000_000)

        func mark(at time: Timestamp) -> Price? {
            let events = venue.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: .of("64900"))), at: time)
            guard case .markPriceUpdated(let update) = events.first else { return nil }
            return update.markPrice
        }

        #expect(mark(at: t) == .of("65000"))  // samples: 100
        venue.expectAccepted(.amendOrder(AmendOrder(
            account: Trader.bob, symbol: "BTCUSDT", orderId: OrderID(4), price: .of("65250"))))
        #expect(mark(at: t + 10_000) == .of("65050"))  // 100, 200
        #expect(mark(at: t + 29_999) == .of("65066.66666667"))  // 100, 200, 200
        #expect(mark(at: t + 30_000) == .of("65100"))  // the first sample is 30 s old: 200, 200, 200
        venue.expectAccepted(.cancelOrder(CancelOrder(account: Trader.bob, symbol: "BTCUSDT", orderId: OrderID(4))))
        // One-sided book: no new sample, but old ones still expire.
        #expect(mark(at: t + 40_000) == .of("65100"))  // 200 (t + 29_999), 200 (t + 30_000)
        #expect(mark(at: t + 60_000) == .of("64900"))  // none left: P2 = index
        #expect(venue.engine.market("BTCUSDT")?.basisSamples.isEmpty == true)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
