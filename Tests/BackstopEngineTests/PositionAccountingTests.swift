import BackstopCore
@testable import BackstopEngine
import Testing

/// Entry price, realized and unrealized PnL and the wallet balance, in ETHUSDT without fees at 3000.
@Suite struct PositionAccountingTests {
    /// One trade by alice (taker) against bob (resting at the same price), and what it must leave.
    struct Step: Sendable {
        var side: Side
        var quantity: String
        var price: String
        var position: String
        var entry: String?
        var realized: String
    }

    struct Path: CustomTestStringConvertible, Sendable {
        var name: String
        var steps: [Step]
        var testDescription: String { name }
    }

    @Test("entry price and realized PnL through open, add, reduce, close and flip", arguments: [
        Path(name: "long: open, add, partial close, full close", steps: [
            Step(side: .buy, quantity: "2", price: "3000", position: "2", entry: "3000", realized: "0"),
            Step(side: .buy, quantity: "1", price: "3030", position: "3", entry: "3010", realized: "0"),
            Step(side: .sell, quantity: "1", price: "3100", position: "2", entry: "3010", realized: "90"),
            Step(side: .sell, quantity: "2", price: "2990", position: "0", entry: nil, realized: "-40"),
        ]),
        Path(name: "short: open, add, partial close, full close", steps: [
            Step(side: .sell, quantity: "2", price: "3000", position: "-2", entry: "3000", realized: "0"),
            Step(side: .sell, quantity: "1", price: "3030", position: "-3", entry: "3010", realized: "0"),
            Step(side: .buy, quantity: "1", price: "2950", position: "-2", entry: "3010", realized: "60"),
            Step(side: .buy, quantity: "2", price: "3050", position: "0", entry: nil, realized: "-80"),
        ]),
        Path(name: "long flips to short at the flip's price", steps: [
            Step(side: .buy, quantity: "2", price: "3000", position: "2", entry: "3000", realized: "0"),
            Step(side: .sell, quantity: "5", price: "3100", position: "-3", entry: "3100", realized: "200"),
            Step(side: .buy, quantity: "3", price: "3050", position: "0", entry: nil, realized: "150"),
        ]),
        Path(name: "short flips to long at the flip's price", steps: [
            Step(side: .sell, quantity: "2", price: "3000", position: "-2", entry: "3000", realized: "0"),
            Step(side: .buy, quantity: "5", price: "2900", position: "3", entry: "2900", realized: "200"),
            Step(side: .sell, quantity: "3", price: "2950", position: "0", entry: nil, realized: "150"),
        ]),
        Path(name: "an inexact entry price rounds half-even and no money is lost to rounding", steps: [
            Step(side: .buy, quantity: "1", price: "3000", position: "1", entry: "3000", realized: "0"),
            Step(side: .buy, quantity: "2", price: "3000.01", position: "3", entry: "3000.00666667", realized: "0"),
            Step(side: .sell, quantity: "1", price: "3000", position: "2", entry: "3000.00666667",
                 realized: "-0.00666666"),
            Step(side: .sell, quantity: "2", price: "3000", position: "0", entry: nil, realized: "-0.01333334"),
        ]),
    ])
    func realizedPnL(_ path: Path) throws {
        var venue = TestVenue(markets: [Markets.ethusdtNoFees], price: "3000")
        var realizedSum = Money.zero
        for (number, step) in path.steps.enumerated() {
            venue.ethLimit(Trader.bob, step.side.opposite, step.quantity, at: step.price)
            let events = venue.ethLimit(Trader.alice, step.side, step.quantity, at: step.price, timeInForce: .ioc)
            let trades = events.compactMap(\.trade)
            try #require(trades.count == 1, "step \(number)")
            let trade = trades[0]
            #expect(trade.quantity == .of(step.quantity), "step \(number)")
            #expect(trade.takerRealizedPnL == .of(step.realized), "step \(number)")
            #expect(trade.makerRealizedPnL == -.of(step.realized), "step \(number)")
            #expect(trade.takerPosition == .of(step.position), "step \(number)")
            #expect(trade.makerPosition == -.of(step.position), "step \(number)")
            let position = try #require(venue.position(Trader.alice, "ETHUSDT"))
            #expect(position.quantity == .of(step.position), "step \(number)")
            #expect(position.entryPrice == step.entry.map(Price.of), "step \(number)")
            realizedSum += .of(step.realized)
            #expect(venue.account(Trader.alice).walletBalance == .of("100000") + realizedSum, "step \(number)")
            #expect(venue.account(Trader.bob).walletBalance == .of("100000") - realizedSum, "step \(number)")
            #expect(venue.engine.invariantViolations().isEmpty, "step \(number)")
        }
        // Flat again: the position's cost is exactly zero and the cash is the wallet.
        let alice = venue.account(Trader.alice)
        #expect(alice.position(market: 0)?.cost == .zero)
        #expect(alice.cash == alice.walletBalance)
    }

    @Test("the wallet balance is deposits plus realized PnL minus fees")
    func walletWithFees() throws {
        var venue = TestVenue()
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        let open = try #require(venue.market(Trader.alice, .buy, "1").compactMap(\.trade).first)
        venue.limit(Trader.alice, .sell, "1", at: "65500")
        let close = try #require(venue.market(Trader.bob, .buy, "1").compactMap(\.trade).first)
        // Alice: taker fee 32.5 on the open, maker fee 13.1 on the close, realized +500.
        #expect(open.takerFee == .of("32.5"))
        #expect(close.makerFee == .of("13.1"))
        #expect(close.makerRealizedPnL == .of("500"))
        #expect(venue.account(Trader.alice).walletBalance == .of("100454.4"))
        // Bob: maker fee 13 on the open, taker fee 32.75 on the close, realized −500.
        #expect(close.takerRealizedPnL == .of("-500"))
        #expect(venue.account(Trader.bob).walletBalance == .of("99454.25"))
        #expect(venue.engine.feeBalance == .of("91.35"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct MarkCase: CustomTestStringConvertible, Sendable {
        var name: String
        var side: Side
        var quantity: String
        var mark: String
        var unrealized: String
        var testDescription: String { name }
    }

    @Test("unrealized PnL is size × mark − cost, rounded against the holder", arguments: [
        MarkCase(name: "long in profit", side: .buy, quantity: "2", mark: "3100.37", unrealized: "200.74"),
        MarkCase(name: "short in loss", side: .sell, quantity: "2", mark: "3100.37", unrealized: "-200.74"),
        MarkCase(name: "long in loss", side: .buy, quantity: "2", mark: "2899.5", unrealized: "-201"),
        MarkCase(name: "short in profit", side: .sell, quantity: "2", mark: "2899.5", unrealized: "201"),
        MarkCase(name: "long, inexact value rounds down", side: .buy, quantity: "0.01", mark: "3000.12345678",
                 unrealized: "0.00123456"),
        MarkCase(name: "short, inexact value rounds down", side: .sell, quantity: "0.01", mark: "3000.12345678",
                 unrealized: "-0.00123457"),
    ])
    func unrealizedPnL(_ test: MarkCase) throws {
        var venue = TestVenue(markets: [Markets.ethusdtNoFees], price: "3000")
        venue.ethLimit(Trader.bob, test.side.opposite, test.quantity, at: "3000")
        venue.market(Trader.alice, test.side, test.quantity, symbol: "ETHUSDT")
        venue.index(test.mark, symbol: "ETHUSDT")
        #expect(venue.engine.market("ETHUSDT")?.markPrice == .of(test.mark))
        let alice = venue.account(Trader.alice)
        let position = try #require(alice.position(market: 0))
        #expect(venue.engine.unrealizedPnL(of: position) == .of(test.unrealized))
        #expect(venue.engine.crossEquity(of: alice) == .of("100000") + .of(test.unrealized))
        // Realized nothing yet: the wallet does not move with the mark.
        #expect(alice.walletBalance == .of("100000"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
