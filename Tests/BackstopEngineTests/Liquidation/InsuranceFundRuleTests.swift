import BackstopCore
@testable import BackstopEngine
import Testing

/// The insurance fund's rules (REFERENCE section 5): each one refuses a takeover with its reason, and
/// the exact remainder goes to auto-deleveraging.
@Suite struct InsuranceFundRuleTests {
    struct RefusalCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// The pool's rules; the market names no fund when `marketHasFund` is false.
        var fund: InsuranceFundSpec = LiqFixtures.fund()
        var marketHasFund = true
        var bids: [LiqBid] = []
        var mark: String
        var reason: FundRefusalReason
        var fundEquity: String
        var equityAfter: String
        /// What goes to deleveraging and the loss against the mark that comes with it.
        var remainder: String
        var shortfall: String
        /// The fund's cash afterwards: its 10 000 plus any fee income, never a takeover.
        var fundCash = "10000"
        /// Liquidation fees that went to the fee balance (a market without a fund).
        var feeBalance = "0"
        var testDescription: String { name }
    }

    /// Alice is long 10 at 1 000 with cash −9 000: bankruptcy 900. The fund "main" holds 10 000.
    /// A takeover of the whole position at mark 880 leaves the fund 10 000 + 8 800 − 9 000 = 9 800;
    /// at 940 it leaves 10 400. The shortfall is 10 × (900 − 880) = 200 below bankruptcy, 0 above.
    @Test("each rule refuses with its reason and hands the exact remainder to deleveraging", arguments: [
        RefusalCase(
            name: "no fund behind the market: all of it, with the loss past bankruptcy",
            marketHasFund: false, mark: "880", reason: .noFund, fundEquity: "0", equityAfter: "0",
            remainder: "10", shortfall: "200"),
        // 4 @ 920 fill: surplus 80 goes to the fee balance (no fund); 6 remain, the mark above bankruptcy.
        RefusalCase(
            name: "no fund behind the market: the remainder after a partial fill, no shortfall",
            marketHasFund: false, bids: [LiqBid(quantity: "4", price: "920")], mark: "940", reason: .noFund,
            fundEquity: "0", equityAfter: "0", remainder: "6", shortfall: "0", feeBalance: "80"),
        RefusalCase(
            name: "minimum balance: 9 800 after the takeover is below 10 000",
            fund: LiqFixtures.fund(minimumBalance: "10000"), mark: "880", reason: .belowMinimumBalance,
            fundEquity: "10000", equityAfter: "9800", remainder: "10", shortfall: "200"),
        // Fee income 80 first (equity 10 080); taking 6 at 900 with the mark at 940 leaves 10 320, whose
        // half is 5 160 < 6 × 940 = 5 640.
        RefusalCase(
            name: "position limit: 6 worth 5 640 exceeds 50% of the fund's 10 320",
            fund: LiqFixtures.fund(maxPositionShare: "0.5"), bids: [LiqBid(quantity: "4", price: "920")],
            mark: "940", reason: .positionLimit, fundEquity: "10080", equityAfter: "10320", remainder: "6",
            shortfall: "0", fundCash: "10080"),
        // Loss over the window 10 000 − 9 800 = 200 > 1% of 10 000 = 100.
        RefusalCase(
            name: "loss limit: 200 lost over the window is more than 1%",
            fund: LiqFixtures.fund(lossLimit: "0.01"), mark: "880", reason: .lossLimit, fundEquity: "10000",
            equityAfter: "9800", remainder: "10", shortfall: "200"),
        // Peak 10 000, after 9 800: 200 > 1% of the peak.
        RefusalCase(
            name: "drawdown limit: 9 800 is more than 1% below the peak of 10 000",
            fund: LiqFixtures.fund(drawdownLimit: "0.01"), mark: "880", reason: .drawdownLimit,
            fundEquity: "10000", equityAfter: "9800", remainder: "10", shortfall: "200"),
    ])
    func refusal(_ test: RefusalCase) throws {
        let market = LiqFixtures.market(liquidation: LiqFixtures.rules(fund: test.marketHasFund ? LiqFixtures.fundName : nil))
        var venue = LiqFixtures.aliceLong(markets: [market], fund: test.fund)
        venue.liqBids(test.bids)
        let ledgerBefore = venue.liqPool.ledger.count
        let events = venue.liqMark(test.mark)

        let refused = try #require(LiqEvents.refusals(events).first)
        #expect(refused.pool == (test.marketHasFund ? LiqFixtures.fundName : nil))
        #expect(refused.account == Trader.alice && refused.symbol == "ETHUSDT" && refused.quantity == .of(test.remainder))
        #expect(refused.refusal.reason == test.reason)
        #expect(refused.refusal.fundEquity == .of(test.fundEquity) && refused.refusal.equityAfter == .of(test.equityAfter))
        let request = DeleveragingRequest(
            id: 1, account: Trader.alice, symbol: "ETHUSDT", positionSide: .buy, quantity: .of(test.remainder),
            bankruptcyPrice: .of("900"), markPrice: .of(test.mark), shortfall: .of(test.shortfall))
        #expect(LiqEvents.deleveraging(events) == [request])
        #expect(venue.engine.deleveragingRequests == [request])
        #expect(events.map(\.type).suffix(5)
            == ["fundRefused", "deleveragingRequested", "trade", "deleveraged", "liquidationEnded"])
        #expect(LiqEvents.takeovers(events).isEmpty)
        #expect(venue.liqFundCash == .of(test.fundCash))
        #expect(venue.liqPosition(LiqFixtures.fundAccount)?.quantity ?? .zero == .zero)
        #expect(venue.liqPool.ledger.count == ledgerBefore + (test.fundCash == "10000" ? 0 : 2))
        #expect(venue.engine.feeBalance == .of(test.feeBalance))

        // Deleveraging runs at once: bob, the only short, is closed against the exact remainder at 900.
        let round = try #require(LiqEvents.rounds(events).first)
        #expect(round.request == request && round.totalClosed == .of(test.remainder))
        #expect(round.executionPrice == .of("900"))
        #expect(round.counterparties.map(\.account) == [Trader.bob])
        #expect(round.counterparties.map(\.closed) == [.of(test.remainder)])
        let adl = try #require(events.compactMap(\.trade).last)
        #expect(adl.kind == .deleveraging && adl.quantity == .of(test.remainder) && adl.price == .of("900"))
        let position = try #require(venue.liqPosition(Trader.alice))
        #expect(position.quantity == .zero && !position.awaitingDeleveraging)
        #expect(venue.account(Trader.alice).cash == .zero)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    /// Alice is short 10 at 1 000 with cash 1 000 + 10 000 = 11 000: bankruptcy 1 100. The market has
    /// no fund; the mark jumps to 1 120, past bankruptcy: the counterparties must absorb
    /// 10 × (1 120 − 1 100) = 200.
    @Test("a short's remainder goes to deleveraging with the loss above bankruptcy")
    func shortRemainder() throws {
        let market = LiqFixtures.market(liquidation: LiqFixtures.rules(fund: nil))
        var venue = LiqFixtures.venue(markets: [market])
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.bob, short: Trader.alice, "10", at: "1000")
        let events = venue.liqMark("1120")
        #expect(LiqEvents.refusals(events).map(\.refusal.reason) == [.noFund])
        #expect(LiqEvents.steps(events).map(\.side) == [.buy])
        #expect(LiqEvents.deleveraging(events) == [DeleveragingRequest(
            id: 1, account: Trader.alice, symbol: "ETHUSDT", positionSide: .sell, quantity: .of("10"),
            bankruptcyPrice: .of("1100"), markPrice: .of("1120"), shortfall: .of("200"))])
        // Bob, the only long, is closed against it at 1 100 straight away.
        #expect(LiqEvents.rounds(events).map(\.totalClosed) == [.of("10")])
        #expect(LiqEvents.rounds(events).first?.counterparties.map(\.account) == [Trader.bob])
        #expect(venue.liqPosition(Trader.alice)?.quantity == .zero)
        #expect(venue.liqPosition(Trader.bob)?.quantity == .zero)
        #expect(venue.liqFundCash == .of("10000"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct AcceptCase: CustomTestStringConvertible, Sendable {
        var name: String
        var fund: InsuranceFundSpec
        var mark: String
        var testDescription: String { name }
    }

    /// The same takeover at 880 (fund 10 000 → 9 800, position 10 worth 8 800) just within each limit.
    @Test("each rule lets a takeover through at its limit", arguments: [
        AcceptCase(name: "minimum balance of exactly 9 800", fund: LiqFixtures.fund(minimumBalance: "9800"), mark: "880"),
        AcceptCase(name: "position 8 800 within 90% of 9 800 (8 820)", fund: LiqFixtures.fund(maxPositionShare: "0.9"),
                   mark: "880"),
        AcceptCase(name: "a loss of exactly 2% is not more than 2%", fund: LiqFixtures.fund(lossLimit: "0.02"), mark: "880"),
        AcceptCase(name: "a drawdown of exactly 2% is not more than 2%", fund: LiqFixtures.fund(drawdownLimit: "0.02"),
                   mark: "880"),
    ])
    func acceptance(_ test: AcceptCase) {
        var venue = LiqFixtures.aliceLong(fund: test.fund)
        let events = venue.liqMark(test.mark)
        #expect(LiqEvents.refusals(events).isEmpty)
        #expect(LiqEvents.takeovers(events).map(\.quantity) == [.of("10")])
        #expect(venue.liqFundCash == .of("1000"))
        #expect(venue.liqPosition(LiqFixtures.fundAccount)?.quantity == .of("10"))
        #expect(venue.engine.fundEquity(venue.liqPool) == .of("9800"))
        #expect(venue.engine.deleveragingRequests.isEmpty)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct SuspensionCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// When dave's liquidation comes, after alice's refusal.
        var delay: Int64
        var refused: Bool
        var testDescription: String { name }
    }

    static let window: Int64 = 8 * 3_600_000

    /// Loss limit 1% over 8 hours. At t = 1 000 000 the mark falls to 880: taking alice's 10 at 900
    /// would lose 200 > 100, so the fund refuses and suspends itself until t + 8 h. Dave (2 000 for 10
    /// at 1 000: cash −8 000, bankruptcy 800) is healthy at 880 (equity 800 ≥ 440) and falls at 840
    /// (400 < 420); taking him over would be a gain of 10 × (840 − 800) = 400.
    @Test("a loss-limit refusal suspends the fund for the loss window", arguments: [
        SuspensionCase(name: "one millisecond before the window ends: refused", delay: window - 1, refused: true),
        SuspensionCase(name: "as the window ends: accepted", delay: window, refused: false),
    ])
    func suspension(_ test: SuspensionCase) throws {
        var venue = LiqFixtures.venue(fund: LiqFixtures.fund(lossLimit: "0.01"))
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqOpen(long: Trader.dave, short: Trader.bob, "10", at: "1000")
        // Dave's 100 000 would keep his bankruptcy far away: he withdraws down to 2 000 of collateral.
        venue.expectAccepted(.withdraw(Withdraw(account: Trader.dave, amount: .of("98000"))))
        #expect(venue.account(Trader.dave).cash == .of("-8000"))

        let t1: Timestamp = 1_000_000
        let first = venue.liqMark("880", at: t1)
        let refused = try #require(LiqEvents.refusals(first).first)
        #expect(refused.account == Trader.alice && refused.refusal.reason == .lossLimit)
        #expect(venue.liqPool.suspendedUntil == t1 + Self.window)
        #expect(LiqEvents.started(first).map(\.account) == [Trader.alice])

        let second = venue.liqMark("840", at: t1 + test.delay)
        #expect(LiqEvents.started(second).map(\.account) == [Trader.dave])
        if test.refused {
            let again = try #require(LiqEvents.refusals(second).first)
            #expect(again.account == Trader.dave && again.refusal.reason == .lossLimit)
            #expect(LiqEvents.deleveraging(second).map(\.quantity) == [.of("10")])
            #expect(venue.liqFundCash == .of("10000"))
        } else {
            #expect(LiqEvents.refusals(second).isEmpty)
            // The fund pays 10 × 800 = 8 000 for dave's position.
            #expect(LiqEvents.takeovers(second).map { [$0.quantity.description, $0.price.description] }
                == [[Quantity.of("10").description, Price.of("800").description]])
            #expect(venue.liqFundCash == .of("2000"))
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    /// Drawdown limit 3%. The fund takes alice over at 890 (10 000 → 9 900: 1% below the peak, let
    /// through) and holds 10 long with cash 1 000. At 830 its equity is 1 000 + 8 300 = 9 300; dave
    /// (cash −8 000, bankruptcy 800) falls (300 < 415). Taking him would even gain 10 × 30 = 300, but
    /// 9 600 is still 400 below the peak 10 000, more than 3%: refused.
    @Test("a fund already in drawdown refuses even a takeover that gains")
    func drawdownFromHeldPosition() throws {
        var venue = LiqFixtures.venue(fund: LiqFixtures.fund(drawdownLimit: "0.03"))
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqOpen(long: Trader.dave, short: Trader.bob, "10", at: "1000")
        venue.expectAccepted(.withdraw(Withdraw(account: Trader.dave, amount: .of("98000"))))
        #expect(venue.account(Trader.dave).cash == .of("-8000"))

        let first = venue.liqMark("890")
        #expect(LiqEvents.takeovers(first).map(\.account) == [Trader.alice])
        #expect(venue.engine.fundEquity(venue.liqPool) == .of("9900"))

        let second = venue.liqMark("830")
        let refused = try #require(LiqEvents.refusals(second).first)
        #expect(refused.account == Trader.dave && refused.refusal.reason == .drawdownLimit)
        #expect(refused.refusal.fundEquity == .of("9300") && refused.refusal.equityAfter == .of("9600"))
        #expect(LiqEvents.deleveraging(second) == [DeleveragingRequest(
            id: 1, account: Trader.dave, symbol: "ETHUSDT", positionSide: .buy, quantity: .of("10"),
            bankruptcyPrice: .of("800"), markPrice: .of("830"), shortfall: .zero)])
        #expect(venue.liqFundCash == .of("1000"))
        #expect(venue.liqPosition(LiqFixtures.fundAccount)?.quantity == .of("10"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
