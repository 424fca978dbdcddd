import BackstopCore
@testable import BackstopEngine
import Testing

/// Initial margin of orders, leverage bounds, withdrawals and cross/isolated margin.
@Suite struct MarginTests {
    struct OrderMarginCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Dave's only deposit.
        var deposit: String
        /// A limit price, or nil for a market order against bob's ask of 1 at 65000.
        var price: String?
        var accepted: Bool
        var testDescription: String { name }
    }

    @Test("an order is accepted only if its margin and taker fee are available", arguments: [
        OrderMarginCase(name: "resting bid, margin exactly covered", deposit: "3200", price: "64000", accepted: true),
        OrderMarginCase(name: "resting bid, one unit short", deposit: "3199.99999999", price: "64000",
                        accepted: false),
        OrderMarginCase(name: "taker buy, margin and fee exactly covered", deposit: "3282.5", price: nil,
                        accepted: true),
        OrderMarginCase(name: "taker buy, one unit short of the fee", deposit: "3282.49999999", price: nil,
                        accepted: false),
    ])
    func orderMargin(_ test: OrderMarginCase) {
        var venue = TestVenue()
        venue.expectAccepted(.deposit(Deposit(account: Trader.dave, amount: .of(test.deposit))))
        venue.limit(Trader.bob, .sell, "1", at: "65000")
        let hash = venue.engine.stateHash
        let events = test.price.map { venue.limit(Trader.dave, .buy, "1", at: $0) }
            ?? venue.market(Trader.dave, .buy, "1")
        if test.accepted {
            #expect(events.first?.orderAccepted != nil)
            // Whatever was bought or reserved used up the whole deposit.
            #expect(venue.available(Trader.dave) == .zero)
        } else {
            #expect(events.map(\.brief) == ["rejected insufficientMargin"])
            #expect(venue.engine.stateHash == hash)
            #expect(venue.available(Trader.dave) == .of(test.deposit))
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct ReduceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var side: Side
        var quantity: String
        var reduceOnly: Bool
        var market: Bool
        var rejection: RejectReason?
        var testDescription: String { name }
    }

    /// Dave (1000 deposited) is long 0.3 from 65000 and the mark fell to 64000: available is −269.75.
    @Test("orders that only reduce are accepted when available balance is short", arguments: [
        ReduceCase(name: "plain sell of the whole position", side: .sell, quantity: "0.3", reduceOnly: false,
                   market: false, rejection: nil),
        ReduceCase(name: "reduce-only sell of more than the position", side: .sell, quantity: "1",
                   reduceOnly: true, market: false, rejection: nil),
        ReduceCase(name: "reduce-only market sell", side: .sell, quantity: "0.3", reduceOnly: true,
                   market: true, rejection: nil),
        ReduceCase(name: "plain sell one lot beyond the position", side: .sell, quantity: "0.301",
                   reduceOnly: false, market: false, rejection: .insufficientMargin),
        ReduceCase(name: "a buy of one lot", side: .buy, quantity: "0.001", reduceOnly: false, market: false,
                   rejection: .insufficientMargin),
    ])
    func reduceWhenShort(_ test: ReduceCase) {
        var venue = TestVenue()
        venue.expectAccepted(.deposit(Deposit(account: Trader.dave, amount: .of("1000"))))
        venue.limit(Trader.bob, .sell, "0.3", at: "65000")
        venue.market(Trader.dave, .buy, "0.3")
        venue.index("64000")
        venue.limit(Trader.carol, .buy, "1", at: "63900")
        #expect(venue.engine.market("BTCUSDT")?.markPrice == .of("64000"))
        #expect(venue.available(Trader.dave) == .of("-269.75"))
        let hash = venue.engine.stateHash
        let events = test.market
            ? venue.market(Trader.dave, test.side, test.quantity, reduceOnly: test.reduceOnly)
            : venue.limit(Trader.dave, test.side, test.quantity, at: "64500", reduceOnly: test.reduceOnly)
        if let reason = test.rejection {
            #expect(events.map(\.brief) == ["rejected \(reason.rawValue)"])
            #expect(venue.engine.stateHash == hash)
        } else {
            #expect(events.first?.orderAccepted != nil)
            #expect(venue.position(Trader.dave)?.orderMargin == .zero)
        }
        if test.market {
            #expect(venue.position(Trader.dave)?.quantity == .zero)
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct Resting: Sendable {
        var side: Side
        var quantity: String
        var price: String
    }

    struct ReservationCase: CustomTestStringConvertible, Sendable {
        var name: String
        var leverage: Int
        /// Alice's long before the orders (bought from bob at 65000).
        var long: String?
        var orders: [Resting]
        var reserved: String
        var testDescription: String { name }
    }

    @Test("resting orders reserve the larger side's opening value over leverage", arguments: [
        ReservationCase(name: "one bid at 20x", leverage: 20, long: nil,
                        orders: [Resting(side: .buy, quantity: "1", price: "64000")], reserved: "3200"),
        ReservationCase(name: "one bid at 10x", leverage: 10, long: nil,
                        orders: [Resting(side: .buy, quantity: "1", price: "64000")], reserved: "6400"),
        ReservationCase(name: "one bid at 125x", leverage: 125, long: nil,
                        orders: [Resting(side: .buy, quantity: "0.5", price: "64000")], reserved: "256"),
        ReservationCase(name: "rounded up at 7x", leverage: 7, long: nil,
                        orders: [Resting(side: .buy, quantity: "0.001", price: "64000.1")], reserved: "9.14287143"),
        ReservationCase(name: "bids larger than asks: the bids count", leverage: 20, long: nil,
                        orders: [Resting(side: .buy, quantity: "1", price: "64000"),
                                 Resting(side: .sell, quantity: "0.5", price: "66000")], reserved: "3200"),
        ReservationCase(name: "asks larger than bids: the asks count", leverage: 20, long: nil,
                        orders: [Resting(side: .buy, quantity: "0.5", price: "64000"),
                                 Resting(side: .sell, quantity: "1", price: "66000")], reserved: "3300"),
        ReservationCase(name: "two bids add up", leverage: 20, long: nil,
                        orders: [Resting(side: .buy, quantity: "1", price: "64000"),
                                 Resting(side: .buy, quantity: "1", price: "63000")], reserved: "6350"),
        ReservationCase(name: "long 0.5: only the sell beyond it reserves", leverage: 20, long: "0.5",
                        orders: [Resting(side: .sell, quantity: "1", price: "66000")], reserved: "1650"),
        ReservationCase(name: "long 1: a sell of the whole position reserves nothing", leverage: 20, long: "1",
                        orders: [Resting(side: .sell, quantity: "1", price: "66000")], reserved: "0"),
    ])
    func reservation(_ test: ReservationCase) {
        var venue = TestVenue()
        venue.expectAccepted(.setLeverage(SetLeverage(account: Trader.alice, symbol: "BTCUSDT", leverage: test.leverage)))
        if let long = test.long {
            venue.limit(Trader.bob, .sell, long, at: "65000")
            venue.market(Trader.alice, .buy, long)
        }
        let before = venue.available(Trader.alice)
        for order in test.orders {
            let events = venue.limit(Trader.alice, order.side, order.quantity, at: order.price)
            #expect(events.map(\.brief) == ["accepted #\(venue.engine.nextOrderID - 1)"])
        }
        #expect(venue.position(Trader.alice)?.orderMargin == .of(test.reserved))
        #expect(venue.available(Trader.alice) == before - .of(test.reserved))
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct LeverageCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Alice's long before the change (bought from bob at 65000), if any.
        var long: String?
        var leverage: Int
        var rejection: RejectReason?
        var testDescription: String { name }
    }

    @Test("leverage must be at least 1 and at most what the position's tier allows", arguments: [
        LeverageCase(name: "no position: 0 is rejected", long: nil, leverage: 0, rejection: .invalidLeverage),
        LeverageCase(name: "no position: -5 is rejected", long: nil, leverage: -5, rejection: .invalidLeverage),
        LeverageCase(name: "no position: 1 is allowed", long: nil, leverage: 1, rejection: nil),
        LeverageCase(name: "no position: 125 (tier 1) is allowed", long: nil, leverage: 125, rejection: nil),
        LeverageCase(name: "no position: 126 is rejected", long: nil, leverage: 126, rejection: .invalidLeverage),
        LeverageCase(name: "position of 0.769 (49985, tier 1): 125 is allowed", long: "0.769", leverage: 125,
                     rejection: nil),
        LeverageCase(name: "position of 4 (260000, tier 3): 125 is rejected", long: "4", leverage: 125,
                     rejection: .invalidLeverage),
        LeverageCase(name: "position of 4 (260000, tier 3): 51 is rejected", long: "4", leverage: 51,
                     rejection: .invalidLeverage),
        LeverageCase(name: "position of 4 (260000, tier 3): 50 is allowed", long: "4", leverage: 50, rejection: nil),
        LeverageCase(name: "position of 4: 2x needs more margin than is available", long: "4", leverage: 2,
                     rejection: .insufficientMargin),
    ])
    func leverageBounds(_ test: LeverageCase) {
        var venue = TestVenue()
        if let long = test.long {
            venue.limit(Trader.bob, .sell, long, at: "65000")
            venue.market(Trader.alice, .buy, long)
        }
        let action = Command.Action.setLeverage(SetLeverage(
            account: Trader.alice, symbol: "BTCUSDT", leverage: test.leverage))
        if let reason = test.rejection {
            let result = venue.reject(action)
            #expect(result.reason == reason)
            #expect(result.unchanged)
            #expect(venue.position(Trader.alice)?.leverage ?? 20 == 20)
        } else {
            let events = venue.apply(action)
            #expect(events == [.leverageSet(LeverageSet(
                account: Trader.alice, symbol: "BTCUSDT", leverage: test.leverage))])
            #expect(venue.position(Trader.alice)?.leverage == test.leverage)
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct PositionLimitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var leverage: Int
        var orders: [Resting]
        /// Whether the last order is refused with exceedsPositionLimit.
        var exceeds: Bool
        var testDescription: String { name }
    }

    /// Reach is valued at the mark (65000), whatever the order's price.
    @Test("an order whose reachable position falls in a tier below the leverage is refused", arguments: [
        PositionLimitCase(name: "125x, bid 0.769 reaches 49985 (tier 1)", leverage: 125,
                          orders: [Resting(side: .buy, quantity: "0.769", price: "64000")], exceeds: false),
        PositionLimitCase(name: "125x, bid 0.77 reaches 50050 (tier 2, 100x)", leverage: 125,
                          orders: [Resting(side: .buy, quantity: "0.77", price: "64000")], exceeds: true),
        PositionLimitCase(name: "125x, ask 0.77 reaches 50050 short", leverage: 125,
                          orders: [Resting(side: .sell, quantity: "0.77", price: "66000")], exceeds: true),
        PositionLimitCase(name: "125x, two bids of 0.4 reach 52000 together", leverage: 125,
                          orders: [Resting(side: .buy, quantity: "0.4", price: "64000"),
                                   Resting(side: .buy, quantity: "0.4", price: "64000")], exceeds: true),
        PositionLimitCase(name: "125x, a bid and an ask of 0.4 each reach 26000", leverage: 125,
                          orders: [Resting(side: .buy, quantity: "0.4", price: "64000"),
                                   Resting(side: .sell, quantity: "0.4", price: "66000")], exceeds: false),
        PositionLimitCase(name: "100x, bid 3.846 reaches 249990 (tier 2)", leverage: 100,
                          orders: [Resting(side: .buy, quantity: "3.846", price: "64000")], exceeds: false),
        PositionLimitCase(name: "100x, bid 3.847 reaches 250055 (tier 3, 50x)", leverage: 100,
                          orders: [Resting(side: .buy, quantity: "3.847", price: "64000")], exceeds: true),
    ])
    func positionLimit(_ test: PositionLimitCase) {
        var venue = TestVenue()
        venue.expectAccepted(.setLeverage(SetLeverage(account: Trader.alice, symbol: "BTCUSDT", leverage: test.leverage)))
        for order in test.orders.dropLast() {
            venue.limit(Trader.alice, order.side, order.quantity, at: order.price)
        }
        let last = test.orders.last!
        let hash = venue.engine.stateHash
        let events = venue.limit(Trader.alice, last.side, last.quantity, at: last.price)
        if test.exceeds {
            #expect(events.map(\.brief) == ["rejected exceedsPositionLimit"])
            #expect(venue.engine.stateHash == hash)
        } else {
            #expect(events.first?.orderAccepted != nil)
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct WithdrawCase: CustomTestStringConvertible, Sendable {
        var name: String
        var account: AccountID
        var mark: String
        var withdrawable: String
        var walletBefore: String
        var testDescription: String { name }
    }

    /// ETHUSDT without fees: alice bought 10 from bob at 3000; both deposited 100000.
    @Test("withdrawals are limited to free collateral and never take unrealized profit", arguments: [
        WithdrawCase(name: "long at entry: deposit less initial margin", account: Trader.alice, mark: "3000",
                     withdrawable: "98500", walletBefore: "100000"),
        WithdrawCase(name: "long with a small profit: limited by free collateral", account: Trader.alice,
                     mark: "3100", withdrawable: "99450", walletBefore: "100000"),
        WithdrawCase(name: "long with a large profit: limited by the wallet", account: Trader.alice, mark: "3300",
                     withdrawable: "100000", walletBefore: "100000"),
        WithdrawCase(name: "short with a loss: the loss and margin stay", account: Trader.bob, mark: "3300",
                     withdrawable: "95350", walletBefore: "100000"),
        WithdrawCase(name: "no position: everything", account: Trader.carol, mark: "3300",
                     withdrawable: "100000", walletBefore: "100000"),
    ])
    func withdrawLimits(_ test: WithdrawCase) {
        var venue = TestVenue(markets: [Markets.ethusdtNoFees], price: "3000")
        venue.ethLimit(Trader.bob, .sell, "10", at: "3000")
        venue.market(Trader.alice, .buy, "10", symbol: "ETHUSDT")
        if test.mark != "3000" { venue.index(test.mark, symbol: "ETHUSDT") }
        let account = venue.account(test.account)
        #expect(venue.engine.withdrawableBalance(of: account) == .of(test.withdrawable))
        #expect(account.walletBalance == .of(test.walletBefore))

        let tooMuch = venue.reject(.withdraw(Withdraw(
            account: test.account, amount: .of(test.withdrawable) + Money(raw: 1))))
        #expect(tooMuch.reason == .insufficientBalance)
        #expect(tooMuch.unchanged)

        let events = venue.apply(.withdraw(Withdraw(account: test.account, amount: .of(test.withdrawable))))
        let walletAfter = Money.of(test.walletBefore) - .of(test.withdrawable)
        #expect(events == [.withdrawn(BalanceMoved(
            account: test.account, amount: .of(test.withdrawable), walletBalance: walletAfter))])
        #expect(venue.engine.totalWithdrawals == .of(test.withdrawable))
        #expect(venue.engine.withdrawableBalance(of: venue.account(test.account)) == .zero)
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct ModeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var setup: String
        var mode: MarginMode
        var rejection: RejectReason?
        var testDescription: String { name }
    }

    @Test("the margin mode changes only with no position and no orders", arguments: [
        ModeCase(name: "flat, no orders: to isolated", setup: "none", mode: .isolated, rejection: nil),
        ModeCase(name: "already cross", setup: "none", mode: .cross, rejection: .invalidAmendment),
        ModeCase(name: "with an open position", setup: "position", mode: .isolated,
                 rejection: .positionOrOrdersOpen),
        ModeCase(name: "with a resting order", setup: "order", mode: .isolated, rejection: .positionOrOrdersOpen),
    ])
    func marginMode(_ test: ModeCase) {
        var venue = TestVenue()
        switch test.setup {
        case "position":
            venue.limit(Trader.bob, .sell, "1", at: "65000")
            venue.market(Trader.alice, .buy, "1")
        case "order":
            venue.limit(Trader.alice, .buy, "1", at: "64000")
        default:
            break
        }
        let action = Command.Action.setMarginMode(SetMarginMode(account: Trader.alice, symbol: "BTCUSDT", mode: test.mode))
        if let reason = test.rejection {
            let result = venue.reject(action)
            #expect(result.reason == reason)
            #expect(result.unchanged)
        } else {
            #expect(venue.apply(action) == [.marginModeSet(MarginModeSet(
                account: Trader.alice, symbol: "BTCUSDT", mode: test.mode))])
            #expect(venue.position(Trader.alice)?.marginMode == test.mode)
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
