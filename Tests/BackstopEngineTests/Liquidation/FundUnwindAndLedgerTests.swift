import BackstopCore
@testable import BackstopEngine
import Testing

/// The fund unwinding what it took over, and its ledger.
@Suite struct FundUnwindAndLedgerTests {
    /// ETHUSDT with a 0.1% taker fee (makers pay nothing), behind the fund "main".
    static let feeMarket = LiqFixtures.market(takerFee: "0.001")

    struct UnwindCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bid: LiqBid
        /// What the fund sold (nil: nothing) and the unwind ledger amount (value − taker fee).
        var sold: String?
        var amount: String
        var fundPosition: String
        var testDescription: String { name }
    }

    /// Alice (the maker, so no fee) is long 10 at 1 000 with cash −9 000. At mark 940 with no bids
    /// the fund buys her 10 at 900: cash 10 000 − 9 000 = 1 000. Then carol bids, and the next mark
    /// update (940 again) makes the fund offer 25% of 10 = 2.5 as an IOC sell limited to
    /// 940 × (1 − 1%) = 930.6, paying the 0.1% taker fee.
    @Test("after a takeover each mark update offers a share of the fund's position within the slippage",
          arguments: [
        // 2.5 @ 940 = 2 350, fee 2.35: +2 347.65.
        UnwindCase(name: "a bid at the mark takes a quarter", bid: LiqBid(quantity: "5", price: "940"),
                   sold: "2.5", amount: "2347.65", fundPosition: "7.5"),
        // 2.5 @ 930.6 = 2 326.5, fee 2.3265: +2 324.1735.
        UnwindCase(name: "a bid exactly at the slippage limit is hit", bid: LiqBid(quantity: "5", price: "930.6"),
                   sold: "2.5", amount: "2324.1735", fundPosition: "7.5"),
        UnwindCase(name: "a bid one tick beyond the slippage is left alone",
                   bid: LiqBid(quantity: "5", price: "930.59"), sold: nil, amount: "0", fundPosition: "10"),
        // 1 @ 935 = 935, fee 0.935: +934.065.
        UnwindCase(name: "a smaller bid takes what it can", bid: LiqBid(quantity: "1", price: "935"),
                   sold: "1", amount: "934.065", fundPosition: "9"),
    ])
    func unwind(_ test: UnwindCase) throws {
        var venue = LiqFixtures.aliceLong(markets: [Self.feeMarket])
        let takeover = venue.liqMark("940")
        #expect(LiqEvents.takeovers(takeover).map(\.quantity) == [.of("10")])
        #expect(venue.liqFundCash == .of("1000"))
        venue.liqBids([test.bid])
        let ledgerBefore = venue.liqPool.ledger.count

        let events = venue.liqMark("940")
        let trades = events.compactMap(\.trade)
        if let sold = test.sold {
            let trade = try #require(trades.first)
            #expect(trades.count == 1)
            #expect(trade.kind == .match && trade.takerAccount == LiqFixtures.fundAccount && trade.takerSide == .sell)
            #expect(trade.quantity == .of(sold) && trade.price == .of(test.bid.price))
            #expect(trade.takerFee == trade.quantity.value(at: trade.price, rounding: .halfEven).times(.of("0.001"), rounding: .up))
            let entry = try #require(venue.liqPool.ledger.last)
            #expect(venue.liqPool.ledger.count == ledgerBefore + 1)
            #expect(entry.kind == .unwind && entry.amount == .of(test.amount) && entry.symbol == "ETHUSDT")
            #expect(entry.balance == .of("1000") + .of(test.amount))
            #expect(entry.equity == entry.balance + Quantity.of(test.fundPosition).value(at: .of("940"), rounding: .down))
            #expect(LiqEvents.fundChanges(events) == [entry])
        } else {
            #expect(trades.isEmpty)
            #expect(venue.liqPool.ledger.count == ledgerBefore)
        }
        #expect(venue.liqFundCash == .of("1000") + .of(test.amount))
        #expect(venue.liqPosition(LiqFixtures.fundAccount)?.quantity == .of(test.fundPosition))
        #expect(venue.bookOrders(.sell, "ETHUSDT").isEmpty)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    /// The unwind repeats on every mark update: a second update with carol's bid of 5 at 940 left at
    /// 2.5 sells 25% of 7.5 = 1.875, rounded up to the lot: 1.88.
    @Test("each mark update unwinds a quarter of what is left")
    func repeatedUnwind() {
        var venue = LiqFixtures.aliceLong(markets: [Self.feeMarket])
        venue.liqMark("940")
        venue.liqBids([LiqBid(quantity: "5", price: "940")])
        venue.liqMark("940")
        let events = venue.liqMark("940")
        #expect(events.compactMap(\.trade).map(\.quantity) == [.of("1.88")])
        #expect(venue.liqPosition(LiqFixtures.fundAccount)?.quantity == .of("5.62"))
        // 1.88 @ 940 = 1 767.2, fee 1.7672: +1 765.4328 on top of 3 347.65.
        #expect(venue.liqPool.ledger.last?.amount == .of("1765.4328"))
        #expect(venue.liqFundCash == .of("5113.0828"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    /// Alice is short 10 at 1 000 with cash 1 000 + 10 000 = 11 000: bankruptcy 1 100, equity 11 000
    /// − 10P below MM 0.5P above 1 047.62. At 1 060 (equity 400 < 530) with no asks the fund sells
    /// her 10 at 1 100: cash 21 000. Carol then asks 5 at 1 065; on the next mark update the fund buys
    /// 25% of 10 = 2.5 limited to 1 060 × 1.01 = 1 070.6: 2.5 @ 1 065 = 2 662.5 (no fees here).
    @Test("a fund that took over a short buys it back within the slippage above the mark")
    func shortUnwind() throws {
        var venue = LiqFixtures.venue()
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.bob, short: Trader.alice, "10", at: "1000")
        let takeover = venue.liqMark("1060")
        #expect(LiqEvents.takeovers(takeover) == [FundTakeover(
            pool: LiqFixtures.fundName, account: Trader.alice, symbol: "ETHUSDT", side: .sell, quantity: .of("10"),
            price: .of("1100"), markPrice: .of("1060"), immediateLoss: .zero)])
        #expect(venue.liqFundCash == .of("21000"))
        #expect(venue.account(Trader.alice).cash == .zero)

        venue.expectAccepted(.placeOrder(PlaceOrder(
            account: Trader.carol, symbol: "ETHUSDT", side: .sell, price: .of("1065"), quantity: .of("5"))))
        venue.expectAccepted(.placeOrder(PlaceOrder(
            account: Trader.dave, symbol: "ETHUSDT", side: .sell, price: .of("1070.61"), quantity: .of("5"))))
        let events = venue.liqMark("1060")
        let trades = events.compactMap(\.trade)
        #expect(trades.map(\.quantity) == [.of("2.5")])
        #expect(trades.map(\.price) == [.of("1065")])
        #expect(trades.first?.takerAccount == LiqFixtures.fundAccount && trades.first?.takerSide == .buy)
        #expect(venue.liqPosition(LiqFixtures.fundAccount)?.quantity == .of("-7.5"))
        #expect(venue.liqPool.ledger.last.map(LiqLedgerLine.init)
            == LiqLedgerLine(.unwind, "-2662.5", balance: "18337.5", equity: "10387.5"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    /// Every kind of ledger line in one story, with the trader keeping liquidation surplus beyond the
    /// fee (so the fee line stands alone). ETHUSDT has a 0.1% taker fee; alice is the maker when
    /// she opens (cash −9 000, bankruptcy 900). No index update ever sees both sides of the book, so
    /// the funding rate is the interest rate 0.01%.
    @Test("the ledger records deposits, fees, takeovers, unwinds, funding and withdrawals exactly")
    func ledgerKinds() throws {
        let market = LiqFixtures.market(liquidation: LiqFixtures.rules(surplusRecipient: .trader), takerFee: "0.001")
        var venue = LiqFixtures.aliceLong(markets: [market])
        venue.liqBids([LiqBid(quantity: "4", price: "920")])
        // 4 @ 920 = 3 680; surplus 80, fee min(80, 36.8) = 36.8. The fund buys 6 at 900 = 5 400.
        venue.liqMark("940")
        venue.liqBids([LiqBid(account: Trader.dave, quantity: "5", price: "935")])
        // The fund offers 25% of 6 = 1.5 at ≥ 930.6: 1.5 @ 935 = 1 402.5, fee 1.4025.
        venue.liqMark("940")
        // Funding at the 8-hour mark: longs pay 0.01% of their notional at 940; the fund's 4.5 pays
        // 4 230 × 0.0001 = 0.423.
        let funding = venue.apply(.settleFunding(SettleFunding(symbol: "ETHUSDT")), at: 8 * 3_600_000)
        #expect(funding.first?.rejection == nil)
        venue.expectAccepted(.withdraw(Withdraw(account: LiqFixtures.fundAccount, amount: .of("100"))))

        let expected = [
            LiqLedgerLine(.deposit, "10000", balance: "10000"),
            LiqLedgerLine(.liquidationFee, "36.8", balance: "10036.8"),
            // 6 at mark 940 is 5 640.
            LiqLedgerLine(.takeover, "-5400", balance: "4636.8", equity: "10276.8"),
            // 4.5 left, worth 4 230.
            LiqLedgerLine(.unwind, "1401.0975", balance: "6037.8975", equity: "10267.8975"),
            LiqLedgerLine(.funding, "-0.423", balance: "6037.4745", equity: "10267.4745"),
            LiqLedgerLine(.withdrawal, "-100", balance: "5937.4745", equity: "10167.4745"),
        ]
        let ledger = venue.liqPool.ledger
        #expect(ledger.map(LiqLedgerLine.init) == expected)
        #expect(ledger.map(\.symbol) == [nil, "ETHUSDT", "ETHUSDT", "ETHUSDT", "ETHUSDT", nil])
        #expect(ledger.map(\.account) == [LiqFixtures.fundAccount, Trader.alice, Trader.alice, nil, nil,
                                          LiqFixtures.fundAccount])
        #expect(ledger.allSatisfy { $0.pool == LiqFixtures.fundName })
        #expect(ledger.last?.balance == venue.liqFundCash)
        #expect(ledger.last?.equity == venue.engine.fundEquity(venue.liqPool))
        #expect(LiqEvents.fundChanges(venue.log) == ledger)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
