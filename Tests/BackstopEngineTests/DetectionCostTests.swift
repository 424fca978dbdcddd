import BackstopCore
@testable import BackstopEngine
import Testing

/// A mark update looks only at the positions whose liquidation price it reaches.
@Suite struct DetectionCostTests {
    /// 400 longs at 65,000 worth 900 × their leverage of 10x to 100x (isolated and cross), against one maker who is
    /// short all of it with plenty of margin. A fall to 64,300 (1.1%) reaches only the 100x positions,
    /// whose margin is 1% against a maintenance rate of 0.5%; the 50x ones have 2% against 0.4%.
    static func crowdedVenue() -> TestVenue {
        var venue = TestVenue(accounts: [Trader.alice], deposit: "100000000")
        venue.limit(Trader.alice, .sell, "400", at: "65000")
        for number in 0..<400 {
            let trader = AccountID(UInt64(100 + number))
            let leverage = [10, 20, 50, 100][number % 4]
            venue.expectAccepted(.deposit(Deposit(account: trader, amount: .of("1000"))))
            if number % 2 == 0 {
                venue.expectAccepted(.setMarginMode(SetMarginMode(account: trader, symbol: "BTCUSDT", mode: .isolated)))
            }
            venue.expectAccepted(.setLeverage(SetLeverage(account: trader, symbol: "BTCUSDT", leverage: leverage)))
            let size = Money.of("900").times(Rate(units: Int64(leverage)), rounding: .down)
                .quantity(at: .of("65000"), rounding: .down).rounded(toMultipleOf: .of("0.001"), .down)
            venue.market(trader, .buy, size.description)
        }
        return venue
    }

    @Test func aTickThatLiquidatesNobodyChecksNobody() {
        var venue = Self.crowdedVenue()
        venue.expectAccepted(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: .of("64935"))))
        #expect(venue.engine.lastRiskPass == RiskPassReport())
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    @Test func aTickChecksOnlyThePositionsItReaches() {
        var venue = Self.crowdedVenue()
        let events = venue.apply(.indexPrice(IndexPrice(symbol: "BTCUSDT", price: .of("64300"))))
        #expect(venue.log.compactMap(\.rejection).isEmpty)
        let liquidated = events.count { if case .liquidationStarted = $0 { true } else { false } }
        #expect(liquidated == 100, "exactly the 100x traders")
        #expect(venue.engine.lastRiskPass.triggersReached == 100)
        // Each liquidated account is checked when its trigger is reached and once more after its
        // closing trades, and the one counterparty once: 100 + 100 + 1.
        #expect(venue.engine.lastRiskPass.accountsChecked == 201)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
