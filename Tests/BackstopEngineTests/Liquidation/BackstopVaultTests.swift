import BackstopCore
@testable import BackstopEngine
import Testing

/// The backstop vault (Hyperliquid's HLP below 2/3 of maintenance margin): it takes the positions at
/// mark and the margin behind them; above its threshold the book liquidates as usual.
@Suite struct BackstopVaultTests {
    /// ETHUSDT behind the fund "main" and the vault at account 950 (threshold 0.66666667 by default).
    static let vaultMarket = LiqFixtures.market(liquidation: LiqFixtures.rules(vault: LiqFixtures.vaultAccount))

    struct VaultCase: CustomTestStringConvertible, Sendable {
        var name: String
        var mark: String
        var equity: String
        var maintenanceMargin: String
        /// The margin handed to the vault, or nil when the book liquidates instead.
        var margin: String?
        var testDescription: String { name }
    }

    /// Alice is cross long 10 at 1 000 with cash −9 000 (equity 10P − 9 000, MM 0.5P). The vault
    /// (100 000 deposited) steps in when equity < MM × 0.66666667, i.e. below about 931.03. Carol bids
    /// 10 at 930. When the vault takes over it pays the mark for the position, so alice's cash becomes
    /// −9 000 + 10 × mark = her equity, which all goes to the vault: the vault's cash is 100 000
    /// − 10 × mark + (10 × mark − 9 000) = 91 000 whatever the mark.
    @Test("the vault takes over below its threshold, the book above it", arguments: [
        // MM 460, threshold 460 × 0.66666667 = 306.67 > equity 200.
        VaultCase(name: "equity 200 below 2/3 of MM 460: the vault takes the position at 920 and 200 of margin",
                  mark: "920", equity: "200", maintenanceMargin: "460", margin: "200"),
        // Past bankruptcy: the vault makes up the deficit of 200.
        VaultCase(name: "equity −200: the vault takes over and makes up the deficit",
                  mark: "880", equity: "-200", maintenanceMargin: "440", margin: "-200"),
        // MM 470, threshold 313.33 ≤ equity 400 < 470: the book takes 10 @ 930 (surplus 300 to the fund).
        VaultCase(name: "equity 400 between 2/3 of MM and MM: the book liquidates",
                  mark: "940", equity: "400", maintenanceMargin: "470", margin: nil),
    ])
    func vault(_ test: VaultCase) throws {
        var venue = LiqFixtures.venue(markets: [Self.vaultMarket])
        venue.liqDeposit(LiqFixtures.vaultAccount, "100000")
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        venue.liqBids([LiqBid(quantity: "10", price: "930")])
        let events = venue.liqMark(test.mark)

        let started = try #require(LiqEvents.started(events).first)
        #expect(started.equity == .of(test.equity) && started.maintenanceMargin == .of(test.maintenanceMargin))
        #expect(venue.account(Trader.alice).cash == .zero)
        #expect(venue.liqPosition(Trader.alice)?.quantity == .zero)
        if let margin = test.margin {
            #expect(LiqEvents.vaults(events) == [VaultTakeover(
                vault: LiqFixtures.vaultAccount, account: Trader.alice, marginMode: .cross,
                positions: [.init(symbol: "ETHUSDT", quantity: .of("10"), price: .of(test.mark))],
                marginTransferred: .of(margin))])
            #expect(events.map(\.type) == ["markPriceUpdated", "liquidationStarted", "trade", "vaultTakeover",
                                           "liquidationEnded"])
            let trade = try #require(events.compactMap(\.trade).first)
            #expect(trade.kind == .vaultTakeover && trade.price == .of(test.mark) && trade.quantity == .of("10"))
            #expect(trade.takerAccount == Trader.alice && trade.makerAccount == LiqFixtures.vaultAccount)
            #expect(trade.takerFee == .zero && trade.makerFee == .zero)
            #expect(LiqEvents.steps(events).isEmpty)
            let vault = venue.account(LiqFixtures.vaultAccount)
            #expect(vault.cash == .of("91000"))
            #expect(vault.positions.first?.quantity == .of("10"))
            #expect(vault.positions.first?.cost == Quantity.of("10").value(at: .of(test.mark), rounding: .halfEven))
            // Carol's bid is untouched and the fund got nothing.
            #expect(venue.bookOrders(.buy, "ETHUSDT").count == 1)
            #expect(venue.liqFundCash == .of("10000"))
        } else {
            #expect(LiqEvents.vaults(events).isEmpty)
            #expect(LiqEvents.steps(events).map(\.quantity) == [.of("10")])
            #expect(events.compactMap(\.trade).map(\.kind) == [.liquidation])
            #expect(venue.account(LiqFixtures.vaultAccount).cash == .of("100000"))
            #expect(venue.liqFundCash == .of("10300"))
        }
        #expect(venue.engine.invariantViolations().isEmpty)
    }

    struct IsolatedVaultCase: CustomTestStringConvertible, Sendable {
        var name: String
        var mark: String
        var margin: String
        var testDescription: String { name }
    }

    /// Alice deposits 2 000 and is isolated long 10 at 1 000: isolated cash −9 000, cross cash 1 000.
    @Test("an isolated position goes to the vault with its own margin only", arguments: [
        IsolatedVaultCase(name: "equity 200 at 920: 200 goes with it", mark: "920", margin: "200"),
        IsolatedVaultCase(name: "equity −200 at 880: the vault makes up 200", mark: "880", margin: "-200"),
    ])
    func isolatedVault(_ test: IsolatedVaultCase) throws {
        var venue = LiqFixtures.venue(markets: [Self.vaultMarket])
        venue.liqDeposit(LiqFixtures.vaultAccount, "100000")
        venue.liqDeposit(Trader.alice, "2000")
        venue.liqIsolate(Trader.alice)
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        let events = venue.liqMark(test.mark)

        let takeover = try #require(LiqEvents.vaults(events).first)
        #expect(takeover.marginMode == .isolated && takeover.marginTransferred == .of(test.margin))
        #expect(takeover.positions == [.init(symbol: "ETHUSDT", quantity: .of("10"), price: .of(test.mark))])
        let position = try #require(venue.liqPosition(Trader.alice))
        #expect(position.quantity == .zero && position.isolatedCash == .zero)
        #expect(venue.account(Trader.alice).cash == .of("1000"))
        #expect(venue.account(LiqFixtures.vaultAccount).cash == .of("91000"))
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
