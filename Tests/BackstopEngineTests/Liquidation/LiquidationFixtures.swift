import BackstopCore
@testable import BackstopEngine
import Testing

/// Named fixtures for the liquidation and insurance-fund tests.
///
/// Every market here values positions at the index itself (`MarkPriceSpec.method == .index`), so the
/// mark is exactly the price a test sends, and has round numbers: tick 0.01, lot 0.01, no trading fees
/// unless a test asks for a taker fee, a 1% liquidation fee and a 50% price band (so that orders far
/// from the mark can rest before it moves).
enum LiqFixtures {
    /// The insurance fund pool "main" holds its money at account 900.
    static let fundName = "main"
    static let fundAccount = AccountID(900)
    /// The backstop vault is an ordinary trader account.
    static let vaultAccount = AccountID(950)

    /// One tier: 10x, maintenance margin rate 5%.
    static let oneTier = [RiskTier(notionalFloor: .zero, maxLeverage: 10, maintenanceMarginRate: .of("0.05"))]

    /// Two tiers at 5x: 5% below 50 000 of notional, 10% from 50 000 (cum = 50 000 × 5% = 2 500).
    static let twoTiers = [
        RiskTier(notionalFloor: .zero, maxLeverage: 5, maintenanceMarginRate: .of("0.05")),
        RiskTier(notionalFloor: .of("50000"), maxLeverage: 5, maintenanceMarginRate: .of("0.10")),
    ]

    /// Liquidation rules of a market behind the fund "main", with everything else at its default.
    static func rules(
        partialMode: LiquidationSpec.PartialMode = .full, surplusRecipient: LiquidationSpec.SurplusRecipient = .insuranceFund,
        fund: String? = fundName, vault: AccountID? = nil
    ) -> LiquidationSpec {
        LiquidationSpec(
            partialMode: partialMode, sliceFraction: .of("0.2"), sliceAboveNotional: .of("10000"),
            surplusRecipient: surplusRecipient, insuranceFund: fund, backstopVault: vault?.rawValue,
            fundUnwindFraction: .of("0.25"), fundUnwindSlippage: .of("0.01"))
    }

    /// A market for liquidation tests (see the type's comment).
    static func market(
        _ symbol: String = "ETHUSDT", liquidation: LiquidationSpec = rules(), tiers: [RiskTier] = oneTier,
        takerFee: String = "0"
    ) -> MarketSpec {
        MarketSpec(
            symbol: symbol, baseAsset: String(symbol.dropLast(4)), tickSize: .of("0.01"), lotSize: .of("0.01"),
            minNotional: .of("1"), maxOrderQuantity: .of("10000"), maxPrice: .of("100000"), riskTiers: tiers,
            makerFeeRate: .zero, takerFeeRate: .of(takerFee), liquidationFeeRate: .of("0.01"),
            markPrice: MarkPriceSpec(method: .index), priceBand: .of("0.5"), liquidation: liquidation)
    }

    /// The pool "main" at account 900 with the given rules.
    static func fund(
        minimumBalance: String = "0", maxPositionShare: String? = nil, lossLimit: String? = nil,
        drawdownLimit: String? = nil
    ) -> InsuranceFundSpec {
        InsuranceFundSpec(
            name: fundName, account: fundAccount.rawValue, minimumBalance: .of(minimumBalance),
            maxPositionShare: maxPositionShare.map { .of($0) }, lossLimit: lossLimit.map { .of($0) },
            drawdownLimit: drawdownLimit.map { .of($0) })
    }

    /// A venue with the fund created (and funded with `fundDeposit` unless nil), then the markets
    /// listed at `price`, then bob, carol and dave funded with 100 000 each. Alice funds herself.
    static func venue(
        markets: [MarketSpec] = [market()], fund: InsuranceFundSpec? = fund(), fundDeposit: String? = "10000",
        price: String = "1000"
    ) -> TestVenue {
        var venue = TestVenue(markets: [], accounts: [])
        if let fund {
            venue.expectAccepted(.createInsuranceFund(fund))
            if let fundDeposit {
                venue.expectAccepted(.deposit(Deposit(account: AccountID(fund.account), amount: .of(fundDeposit))))
            }
        }
        for market in markets {
            venue.expectAccepted(.createMarket(market))
            venue.expectAccepted(.indexPrice(IndexPrice(symbol: market.symbol, price: .of(price))))
        }
        for trader in [Trader.bob, Trader.carol, Trader.dave] {
            venue.expectAccepted(.deposit(Deposit(account: trader, amount: .of("100000"))))
        }
        return venue
    }

    /// The standard victim: alice deposits 1 000 and buys 10 ETH at 1 000 from bob at 10x, so her
    /// cross cash is 1 000 − 10 000 = −9 000, her bankruptcy price 900 and her liquidation price
    /// 9 000 / 9.5 = 947.37 (equity 10P − 9 000 below MM 0.5P).
    static func aliceLong(markets: [MarketSpec] = [market()], fund: InsuranceFundSpec? = fund(),
                          fundDeposit: String? = "10000") -> TestVenue {
        var venue = venue(markets: markets, fund: fund, fundDeposit: fundDeposit)
        venue.liqDeposit(Trader.alice, "1000")
        venue.liqOpen(long: Trader.alice, short: Trader.bob, "10", at: "1000")
        return venue
    }
}

/// A resting order placed before the mark moves.
struct LiqBid: Sendable, CustomStringConvertible {
    var account: AccountID = Trader.carol
    var quantity: String
    var price: String
    var description: String { "\(quantity)@\(price)" }
}

/// One line of a fund's ledger as a test states it: kind, amount, balance and equity afterwards.
struct LiqLedgerLine: Sendable, Equatable, CustomStringConvertible {
    var kind: InsuranceFundEntryKind
    var amount: Money
    var balance: Money
    var equity: Money

    /// An expected line; the equity defaults to the balance (a fund with no position).
    init(_ kind: InsuranceFundEntryKind, _ amount: String, balance: String, equity: String? = nil) {
        self.kind = kind
        self.amount = .of(amount)
        self.balance = .of(balance)
        self.equity = .of(equity ?? balance)
    }

    /// The line of a real entry.
    init(_ entry: InsuranceFundEntry) {
        kind = entry.kind
        amount = entry.amount
        balance = entry.balance
        equity = entry.equity
    }

    var description: String { "\(kind.rawValue) \(amount) → \(balance) / \(equity)" }
}

extension TestVenue {
    /// Deposits into an account.
    mutating func liqDeposit(_ account: AccountID, _ amount: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectAccepted(.deposit(Deposit(account: account, amount: .of(amount))), sourceLocation: sourceLocation)
    }

    /// Opens a position pair: `long` bids `quantity` at `price` (as maker) and `short` sells it at market.
    mutating func liqOpen(
        long: AccountID, short: AccountID, _ quantity: String, at price: String, symbol: String = "ETHUSDT",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let bid = limit(long, .buy, quantity, at: price, symbol: symbol)
        if bid.first?.orderAccepted == nil { Issue.record("bid refused: \(bid)", sourceLocation: sourceLocation) }
        let sell = market(short, .sell, quantity, symbol: symbol)
        let filled = sell.compactMap(\.trade).reduce(Quantity.zero) { $0 + $1.quantity }
        if filled != .of(quantity) { Issue.record("opened \(filled) of \(quantity): \(sell)", sourceLocation: sourceLocation) }
    }

    /// Places resting bids that must be accepted.
    mutating func liqBids(_ bids: [LiqBid], symbol: String = "ETHUSDT", sourceLocation: SourceLocation = #_sourceLocation) {
        for bid in bids {
            let events = limit(bid.account, .buy, bid.quantity, at: bid.price, symbol: symbol)
            if events.first?.orderAccepted == nil {
                Issue.record("bid \(bid) refused: \(events)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Switches an account to isolated margin in a market.
    mutating func liqIsolate(_ account: AccountID, _ symbol: String = "ETHUSDT") {
        expectAccepted(.setMarginMode(SetMarginMode(account: account, symbol: symbol, mode: .isolated)))
    }

    /// Moves a market's index (and so its mark) at the next millisecond, or at `time`.
    @discardableResult
    mutating func liqMark(_ price: String, symbol: String = "ETHUSDT", at time: Timestamp? = nil,
                          sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        let action = Command.Action.indexPrice(IndexPrice(symbol: symbol, price: .of(price)))
        let events = time.map { apply(action, at: $0) } ?? apply(action)
        if let rejection = events.first?.rejection {
            Issue.record("mark refused: \(rejection)", sourceLocation: sourceLocation)
        }
        return events
    }

    /// A position (flat default if the account never used the market).
    func liqPosition(_ account: AccountID, _ symbol: String = "ETHUSDT") -> Position? {
        position(account, symbol)
    }

    /// The pool "main".
    var liqPool: InsurancePool { engine.insurancePools[0] }

    /// The cash of the fund's account.
    var liqFundCash: Money { account(LiqFixtures.fundAccount).cash }
}

/// Pulls typed liquidation events out of an event list.
enum LiqEvents {
    static func started(_ events: [Event]) -> [LiquidationStarted] {
        events.compactMap { event in
            if case .liquidationStarted(let body) = event { return body }
            return nil
        }
    }

    static func steps(_ events: [Event]) -> [LiquidationStep] {
        events.compactMap { event in
            if case .liquidationStep(let body) = event { return body }
            return nil
        }
    }

    static func fees(_ events: [Event]) -> [LiquidationFeeCharged] {
        events.compactMap { event in
            if case .liquidationFeeCharged(let body) = event { return body }
            return nil
        }
    }

    static func takeovers(_ events: [Event]) -> [FundTakeover] {
        events.compactMap { event in
            if case .fundTakeover(let body) = event { return body }
            return nil
        }
    }

    static func refusals(_ events: [Event]) -> [FundRefused] {
        events.compactMap { event in
            if case .fundRefused(let body) = event { return body }
            return nil
        }
    }

    static func deleveraging(_ events: [Event]) -> [DeleveragingRequest] {
        events.compactMap { event in
            if case .deleveragingRequested(let body) = event { return body }
            return nil
        }
    }

    static func rounds(_ events: [Event]) -> [DeleveragingRound] {
        events.compactMap { event in
            if case .deleveraged(let body) = event { return body }
            return nil
        }
    }

    static func vaults(_ events: [Event]) -> [VaultTakeover] {
        events.compactMap { event in
            if case .vaultTakeover(let body) = event { return body }
            return nil
        }
    }

    static func fundChanges(_ events: [Event]) -> [InsuranceFundEntry] {
        events.compactMap { event in
            if case .insuranceFundChanged(let body) = event { return body }
            return nil
        }
    }

    static func badDebts(_ events: [Event]) -> [BadDebt] {
        events.compactMap { event in
            if case .badDebt(let body) = event { return body }
            return nil
        }
    }

    static func ended(_ events: [Event]) -> [LiquidationEnded] {
        events.compactMap { event in
            if case .liquidationEnded(let body) = event { return body }
            return nil
        }
    }

    static func closedOrders(_ events: [Event]) -> [OrderClosed] {
        events.compactMap(\.orderClosed)
    }
}
