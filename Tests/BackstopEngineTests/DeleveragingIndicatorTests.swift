import BackstopCore
@testable import BackstopEngine
import Testing

/// The ADL indicator and the market's deleveraging risk.
@Suite struct DeleveragingIndicatorTests {
    struct Boundary: CustomTestStringConvertible, Sendable {
        var below: Int
        var count: Int
        var policy: DeleveragingPolicyName
        var quantile: Int
        var testDescription: String { "\(below) below of \(count), \(policy.rawValue) → \(quantile)" }
    }

    @Test("quantile boundaries", arguments: [
        Boundary(below: 0, count: 5, policy: .queueBinance, quantile: 0),
        Boundary(below: 1, count: 5, policy: .queueBinance, quantile: 1),
        Boundary(below: 4, count: 5, policy: .queueBinance, quantile: 4),
        Boundary(below: 1, count: 10, policy: .queueBinance, quantile: 0),
        Boundary(below: 2, count: 10, policy: .queueBinance, quantile: 1),
        Boundary(below: 7, count: 10, policy: .queueBinance, quantile: 3),
        Boundary(below: 8, count: 10, policy: .queueBinance, quantile: 4),
        Boundary(below: 0, count: 1, policy: .proRata, quantile: 0),
        Boundary(below: 49, count: 100, policy: .queueWhitebit, quantile: 0),
        Boundary(below: 50, count: 100, policy: .queueWhitebit, quantile: 1),
        Boundary(below: 72, count: 100, policy: .queueWhitebit, quantile: 1),
        Boundary(below: 73, count: 100, policy: .queueWhitebit, quantile: 2),
        Boundary(below: 86, count: 100, policy: .queueWhitebit, quantile: 2),
        Boundary(below: 87, count: 100, policy: .queueWhitebit, quantile: 3),
        Boundary(below: 94, count: 100, policy: .queueWhitebit, quantile: 3),
        Boundary(below: 95, count: 100, policy: .queueWhitebit, quantile: 4),
    ])
    func boundaries(_ test: Boundary) {
        #expect(Engine.quantile(below: test.below, of: test.count, policy: test.policy) == test.quantile)
    }

    /// Under pro-rata the priority is the profit at mark. Carol is short 1 from 66,000 and Dave short
    /// 3 from 65,500, both against Alice's long 4. At a mark of 64,000 Carol makes 2,000 and Dave
    /// 4,500: Dave is first. At 65,400 Carol makes 600 and Dave 300: Carol is first.
    @Test func theIndicatorFollowsTheMark() throws {
        var market = Markets.btcusdt
        market.deleveraging = DeleveragingSpec(policy: .proRata)
        var venue = TestVenue(markets: [market], price: "65800", accounts: [Trader.alice, Trader.carol, Trader.dave])
        venue.limit(Trader.carol, .sell, "1", at: "66000")
        venue.limit(Trader.alice, .buy, "1", at: "66000")
        venue.index("65500")
        venue.limit(Trader.dave, .sell, "3", at: "65500")
        venue.limit(Trader.alice, .buy, "3", at: "65500")
        venue.index("64000")
        let atLow = venue.engine.deleveragingIndicators("BTCUSDT").filter { $0.side == .sell }
        #expect(atLow.map { "\($0.account) rank \($0.rank) q\($0.quantile)" } == ["3 rank 2 q0", "4 rank 1 q2"])
        venue.index("65400")
        let atHigh = venue.engine.deleveragingIndicators("BTCUSDT").filter { $0.side == .sell }
        #expect(atHigh.map { "\($0.account) rank \($0.rank) q\($0.quantile)" } == ["3 rank 1 q2", "4 rank 2 q0"])
        for indicator in atHigh + venue.engine.deleveragingIndicators("BTCUSDT").filter({ $0.side == .buy }) {
            #expect(venue.engine.deleveragingIndicator(account: indicator.account, symbol: "BTCUSDT") == indicator)
        }
        #expect(venue.engine.deleveragingIndicator(account: Trader.bob, symbol: "BTCUSDT") == nil)
    }

    /// Open interest of 1 BTC at 65,000 is 65,000 of notional: a fund of 300 covers 0.46% (high),
    /// 1,000 covers 1.5% (medium), 2,000 covers 3.1% (low); no fund is high.
    @Test("risk rating from fund coverage", arguments: [("0", "high"), ("300", "high"), ("1000", "medium"), ("2000", "low")])
    func riskRating(fund: String, rating: String) throws {
        var market = Markets.btcusdt
        market.liquidation.insuranceFund = fund == "0" ? nil : "main"
        var venue = TestVenue(markets: [], accounts: [])
        if fund != "0" {
            venue.expectAccepted(.createInsuranceFund(InsuranceFundSpec(name: "main", account: 900)))
            venue.expectAccepted(.deposit(Deposit(account: AccountID(900), amount: .of(fund))))
        }
        venue.expectAccepted(.createMarket(market))
        venue.index("65000")
        for trader in [Trader.alice, Trader.bob] {
            venue.expectAccepted(.deposit(Deposit(account: trader, amount: .of("100000"))))
        }
        venue.limit(Trader.alice, .sell, "1", at: "65000")
        venue.limit(Trader.bob, .buy, "1", at: "65000")
        let risk = try #require(venue.engine.deleveragingRisk("BTCUSDT"))
        #expect(risk.rating.rawValue == rating)
        #expect(risk.openInterestNotional == .of("65000"))
    }
}
