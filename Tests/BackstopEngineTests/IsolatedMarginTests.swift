import BackstopCore
@testable import BackstopEngine
import Testing

/// Isolated margin in ETHUSDT without fees at 3000: alice is isolated at 20x and buys 10 from bob.
@Suite struct IsolatedMarginTests {
    static func isolatedLong() -> TestVenue {
        var venue = TestVenue(markets: [Markets.ethusdtNoFees], price: "3000")
        venue.expectAccepted(.setMarginMode(SetMarginMode(account: Trader.alice, symbol: "ETHUSDT", mode: .isolated)))
        venue.ethLimit(Trader.bob, .sell, "10", at: "3000")
        venue.market(Trader.alice, .buy, "10", symbol: "ETHUSDT")
        return venue
    }

    @Test("opening an isolated position moves its initial margin out of the cross balance")
    func openingDrawsMargin() throws {
        let venue = Self.isolatedLong()
        let alice = venue.account(Trader.alice)
        let position = try #require(alice.position(market: 0))
        #expect(position.quantity == .of("10"))
        #expect(position.isolatedWallet == .of("1500"))
        #expect(venue.engine.isolatedEquity(of: position) == .of("1500"))
        #expect(alice.cash == .of("98500"))
        #expect(alice.walletBalance == .of("98500"))
        #expect(venue.available(Trader.alice) == .of("98500"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct AdjustCase: CustomTestStringConvertible, Sendable {
        var name: String
        var mark: String
        var amount: String
        var account: AccountID
        var rejection: RejectReason?
        var isolatedWallet: String
        var testDescription: String { name }
    }

    /// Alice has added 500, so her isolated wallet is 2000 and her cross balance 98000.
    @Test("isolated margin can be added up to what is available and removed down to initial margin", arguments: [
        AdjustCase(name: "add everything available", mark: "3000", amount: "98000", account: Trader.alice,
                   rejection: nil, isolatedWallet: "100000"),
        AdjustCase(name: "add one unit more than available", mark: "3000", amount: "98000.00000001",
                   account: Trader.alice, rejection: .insufficientBalance, isolatedWallet: "2000"),
        AdjustCase(name: "remove the excess over initial margin", mark: "3000", amount: "-500",
                   account: Trader.alice, rejection: nil, isolatedWallet: "1500"),
        AdjustCase(name: "remove one unit more than the excess", mark: "3000", amount: "-500.00000001",
                   account: Trader.alice, rejection: .insufficientMargin, isolatedWallet: "2000"),
        AdjustCase(name: "after a fall to 2950 only 25 is removable", mark: "2950", amount: "-25",
                   account: Trader.alice, rejection: nil, isolatedWallet: "1975"),
        AdjustCase(name: "after a fall to 2950, 25.00000001 is too much", mark: "2950", amount: "-25.00000001",
                   account: Trader.alice, rejection: .insufficientMargin, isolatedWallet: "2000"),
        AdjustCase(name: "zero", mark: "3000", amount: "0", account: Trader.alice, rejection: .invalidAmount,
                   isolatedWallet: "2000"),
        AdjustCase(name: "a cross position", mark: "3000", amount: "100", account: Trader.bob,
                   rejection: .notIsolated, isolatedWallet: "2000"),
        AdjustCase(name: "an account with no position", mark: "3000", amount: "100", account: Trader.carol,
                   rejection: .notIsolated, isolatedWallet: "2000"),
    ])
    func adjust(_ test: AdjustCase) {
        var venue = Self.isolatedLong()
        venue.expectAccepted(.adjustIsolatedMargin(AdjustIsolatedMargin(
            account: Trader.alice, symbol: "ETHUSDT", amount: .of("500"))))
        #expect(venue.account(Trader.alice).cash == .of("98000"))
        if test.mark != "3000" { venue.index(test.mark, symbol: "ETHUSDT") }
        let action = Command.Action.adjustIsolatedMargin(AdjustIsolatedMargin(
            account: test.account, symbol: "ETHUSDT", amount: .of(test.amount)))
        if let reason = test.rejection {
            let result = venue.reject(action)
            #expect(result.reason == reason)
            #expect(result.unchanged)
        } else {
            let events = venue.apply(action)
            #expect(events == [.isolatedMarginAdjusted(IsolatedMarginAdjusted(
                account: Trader.alice, symbol: "ETHUSDT", amount: .of(test.amount),
                isolatedWallet: .of(test.isolatedWallet)))])
        }
        let alice = venue.account(Trader.alice)
        #expect(alice.position(market: 0)?.isolatedWallet == .of(test.isolatedWallet))
        #expect(alice.cash == .of("100000") - .of(test.isolatedWallet))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct CloseCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// The index before the close (the close trades at this price).
        var price: String
        var quantity: String
        var cashAfter: String
        /// Nil where the rest of the loss is a shortfall this test does not judge.
        var isolatedWalletAfter: String?
        /// The index when it differs from the close price (a thin book below a higher mark).
        var mark: String? = nil
        var testDescription: String { name }
    }

    @Test("closing an isolated position returns what is left of its wallet to the cross balance", arguments: [
        CloseCase(name: "close at a loss smaller than the margin", price: "2900", quantity: "10",
                  cashAfter: "99000", isolatedWalletAfter: "0"),
        CloseCase(name: "close at a profit", price: "3100", quantity: "10", cashAfter: "101000",
                  isolatedWalletAfter: "0"),
        CloseCase(name: "close 4 of 10 at entry: 4/10 of the margin comes back", price: "3000", quantity: "4",
                  cashAfter: "99100", isolatedWalletAfter: "900"),
        CloseCase(name: "flip to short 5 at 3100: the new short's margin stays isolated",
                  price: "3100", quantity: "15", cashAfter: "100225", isolatedWalletAfter: "775"),
        CloseCase(name: "close into a thin book at a loss larger than the margin: the cross balance loses only the margin",
                  price: "2800", quantity: "10", cashAfter: "98500", isolatedWalletAfter: nil, mark: "2900"),
    ])
    func close(_ test: CloseCase) {
        var venue = Self.isolatedLong()
        venue.index(test.mark ?? test.price, symbol: "ETHUSDT")
        venue.ethLimit(Trader.carol, .buy, test.quantity, at: test.price)
        let events = venue.market(Trader.alice, .sell, test.quantity, symbol: "ETHUSDT")
        #expect(events.compactMap(\.trade).map(\.price) == [.of(test.price)])
        let alice = venue.account(Trader.alice)
        #expect(alice.cash == .of(test.cashAfter))
        #expect(alice.walletBalance == .of(test.cashAfter))
        if let wallet = test.isolatedWalletAfter {
            #expect(alice.position(market: 0)?.isolatedWallet == .of(wallet))
        }
        #expect(venue.engine.invariantViolations().isEmpty)
        if test.isolatedWalletAfter == "0" {
            venue.expectAccepted(.setMarginMode(SetMarginMode(account: Trader.alice, symbol: "ETHUSDT", mode: .cross)))
            #expect(venue.account(Trader.alice).walletBalance == .of(test.cashAfter))
            #expect(venue.engine.withdrawableBalance(of: venue.account(Trader.alice)) == .of(test.cashAfter))
        }
    }

    @Test("an isolated position wiped out by a crash is liquidated without touching the cross balance")
    func lossStaysIsolated() throws {
        var venue = Self.isolatedLong()
        venue.index("2000", symbol: "ETHUSDT")
        let alice = venue.account(Trader.alice)
        #expect(alice.cash == .of("98500"))
        #expect(venue.engine.crossEquity(of: alice) == .of("98500"))
        #expect(venue.available(Trader.alice) == .of("98500"))
        let position = try #require(alice.position(market: 0))
        #expect(position.quantity == .zero)
        #expect(venue.engine.isolatedEquity(of: position) == .zero)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
