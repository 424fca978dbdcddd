import BackstopCore
@testable import BackstopEngine
import Testing

/// A flat balance left negative is paid by the market's insurance fund as far as it can, and the rest
/// is reported: no bad debt is ever silent.
@Suite struct BadDebtTests {
    struct BadDebtCase: CustomTestStringConvertible, Sendable {
        var name: String
        var isolated: Bool
        var fund: InsuranceFundSpec = LiqFixtures.fund()
        /// The fund's deposit (nil: none), and whether the market names it.
        var fundDeposit: String? = "10000"
        var marketHasFund = true
        var covered: String
        var uncovered: String
        var testDescription: String { name }
    }

    /// Alice deposits 1 000 and buys 10 ETH at 1 000 from bob at 10x (cross: cash −9 000; isolated:
    /// isolated cash −9 000, cross cash 0). With the mark still at 1 000 she sells all 10 to carol's
    /// bid at 880 = 8 800: flat, her balance −9 000 + 8 800 = −200.
    @Test("a flat negative balance is covered by the fund or reported", arguments: [
        BadDebtCase(name: "isolated: the fund covers all 200", isolated: true, covered: "200", uncovered: "0"),
        BadDebtCase(name: "isolated: a fund of 50 covers 50, 150 is reported", isolated: true, fundDeposit: "50",
                    covered: "50", uncovered: "150"),
        BadDebtCase(name: "isolated: a market without a fund reports all 200", isolated: true, marketHasFund: false,
                    covered: "0", uncovered: "200"),
        BadDebtCase(name: "cross: the fund covers all 200", isolated: false, covered: "200", uncovered: "0"),
        BadDebtCase(name: "cross: an empty fund covers nothing", isolated: false, fundDeposit: nil,
                    covered: "0", uncovered: "200"),
        // The fund pays only what it holds above its minimum balance: 10 000 − 9 900 = 100.
        BadDebtCase(name: "cross: the fund keeps its minimum balance", isolated: false,
                    fund: LiqFixtures.fund(minimumBalance: "9900"), covered: "100", uncovered: "100"),
    ])
    func badDebt(_ test: BadDebtCase) throws {
        let market = LiqFixtures.market(liquidation: LiqFixtures.rules(fund: test.marketHasFund ? LiqFixtures.fundName : nil))
        var venue = LiqFixtures.venue(markets: [market], fund: test.fund, fundDeposit: test.fundDeposit)
        venue.liqDeposit(Trader.alice, "1000")
        if test.isolated { venue.liqIsolate(Trader.alice) }
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqBids([LiqBid(quantity: "10", price: "880")])
        let fundBefore = venue.liqFundCash
        let ledgerBefore = venue.liqPool.ledger.count

        let events = venue.limit(Trader.alice, .sell, "10", at: "880", symbol: "ETHUSDT")
        #expect(LiqEvents.started(events).isEmpty)
        #expect(venue.liqPosition(Trader.alice)?.quantity == .zero)
        let pool = test.marketHasFund ? LiqFixtures.fundName : nil
        #expect(LiqEvents.badDebts(events) == [BadDebt(
            account: Trader.alice, symbol: test.isolated ? "ETHUSDT" : nil, amount: .of("200"), pool: pool,
            coveredByFund: .of(test.covered), uncovered: .of(test.uncovered))])

        // An isolated position's shortfall is counted on the position, a cross one on the account.
        let alice = venue.account(Trader.alice)
        let slot = try #require(alice.positions.first)
        #expect((test.isolated ? slot.isolatedCash : alice.cash) == -Money.of(test.uncovered))
        #expect((test.isolated ? slot.reportedShortfall : alice.reportedShortfall) == .of(test.uncovered))
        #expect((test.isolated ? alice.reportedShortfall : slot.reportedShortfall) == .zero)
        #expect(venue.liqFundCash == fundBefore - .of(test.covered))
        if test.covered == "0" {
            #expect(venue.liqPool.ledger.count == ledgerBefore)
            #expect(events.map(\.type).last == "badDebt")
        } else {
            let entry = try #require(venue.liqPool.ledger.last)
            #expect(venue.liqPool.ledger.count == ledgerBefore + 1)
            #expect(entry.kind == .badDebt && entry.amount == -Money.of(test.covered))
            #expect(entry.account == Trader.alice && entry.symbol == "ETHUSDT")
            #expect(entry.balance == venue.liqFundCash)
            #expect(events.map(\.type).suffix(2) == ["insuranceFundChanged", "badDebt"])
        }
        #expect(venue.engine.invariantViolations().isEmpty)

        // What was reported is not reported again when the account is next touched, and what a
        // deposit pays back of a cross debt no longer counts as outstanding.
        let deposit = venue.expectAccepted(.deposit(Deposit(account: Trader.alice, amount: .of("50"))))
        #expect(deposit.map(\.type) == ["deposited"])
        let after = venue.account(Trader.alice)
        let outstanding = test.isolated ? Money.of(test.uncovered) : max(.zero, Money.of(test.uncovered) - .of("50"))
        #expect((test.isolated ? after.positions[0].reportedShortfall : after.reportedShortfall) == outstanding)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
