import BackstopCore
import BackstopEngine
import Foundation

/// A venue of a million one-lot positions for the ADL benchmark: half long, half short, opened against
/// two makers quoting 200 price levels half a dollar apart from 60,000 up and 59,999.9 down (so
/// entries, and profits, differ), with equity of 1x to 5x and half of them isolated. The market has no insurance fund, so
/// a liquidation the book cannot absorb goes straight to deleveraging under `policy`.
///
/// A whale then buys `whaleLots` lots at 60,000 at 125x; an index of 59,700 liquidates it (and no one
/// else), and its position, which the empty book cannot take, is deleveraged against the shorts.
struct ADLVenue {
    /// The engine, with the whale's position open.
    var engine: Engine
    /// The time of the last command.
    var time: Timestamp
    /// The whale's account.
    static let whale = AccountID(90_000_001)
    /// The index price that liquidates the whale.
    static let crashPrice = Price(units: 59_700)
    static let symbol = "BTCUSDT"

    /// Builds the venue; `nil` when a set-up command is refused.
    init?(positions: Int, policy: DeleveragingPolicyName, whaleLots: Int64) {
        var engine = Engine()
        var time: Timestamp = 0
        var refused = false
        func apply(_ action: Command.Action) {
            if case .rejected = engine.apply(Command(time: time, action)).first { refused = true }
        }
        let lot = Quantity("0.001")!
        let spec = MarketSpec(
            symbol: Self.symbol, baseAsset: "BTC", tickSize: Price("0.1")!, lotSize: lot,
            minNotional: .zero, maxOrderQuantity: Quantity(units: 10_000), maxPrice: Price(units: 1_000_000),
            riskTiers: [RiskTier(notionalFloor: .zero, maxLeverage: 125, maintenanceMarginRate: Rate("0.004")!)],
            makerFeeRate: .zero, takerFeeRate: .zero, liquidationFeeRate: .zero, priceBand: Rate("0.5")!,
            deleveraging: DeleveragingSpec(policy: policy))
        apply(.createMarket(spec))
        apply(.indexPrice(IndexPrice(symbol: spec.symbol, price: Price(units: 60_000))))
        // Each maker quotes half the positions over 500 levels, leaving the book empty once all traded.
        let makers = [(AccountID(2), Side.sell), (AccountID(3), Side.buy)]
        let levels = Engine.maxOpenOrdersPerMarket
        let perSide = positions / 2
        for (maker, side) in makers {
            apply(.deposit(Deposit(account: maker, amount: Money(units: 5_000_000_000))))
            apply(.setLeverage(SetLeverage(account: maker, symbol: spec.symbol, leverage: 1)))
            for level in 0..<levels {
                let lots = perSide / levels + (level < perSide % levels ? 1 : 0)
                guard lots > 0 else { continue }
                let offset = Price(raw: Int64(level) * Price("0.5")!.raw)
                apply(.placeOrder(PlaceOrder(
                    account: maker, symbol: spec.symbol, side: side,
                    price: side == .sell ? Price(units: 60_000) + offset : Price("59999.9")! - offset,
                    quantity: Quantity.of(lots, lot: lot))))
            }
        }
        var random = ScenarioRandom(seed: 11, stream: 3)
        for index in 0..<perSide * 2 {
            time += 1
            let trader = AccountID(UInt64(1_000 + index))
            apply(.deposit(Deposit(account: trader, amount: Money(raw: Int64(random.uniform(12, 60) * Double(Money.scale))))))
            if index % 2 == 1 { apply(.setMarginMode(SetMarginMode(account: trader, symbol: spec.symbol, mode: .isolated))) }
            apply(.placeOrder(PlaceOrder(
                account: trader, symbol: spec.symbol, side: index % 4 < 2 ? .buy : .sell, type: .market, price: nil,
                quantity: lot)))
        }
        // The whale's counterparty, then the whale: 490 of margin on 60,000 of notional at 125x.
        time += 1
        let seller = AccountID(90_000_000)
        apply(.deposit(Deposit(account: seller, amount: Money(units: 1_000_000))))
        apply(.placeOrder(PlaceOrder(
            account: seller, symbol: spec.symbol, side: .sell, price: Price(units: 60_000), quantity: lot.times(whaleLots))))
        apply(.deposit(Deposit(account: Self.whale, amount: Money(units: 490 * whaleLots / 1_000))))
        apply(.setLeverage(SetLeverage(account: Self.whale, symbol: spec.symbol, leverage: 125)))
        apply(.placeOrder(PlaceOrder(
            account: Self.whale, symbol: spec.symbol, side: .buy, type: .market, price: nil, quantity: lot.times(whaleLots))))
        guard !refused, engine.account(Self.whale)?.position(market: 0)?.quantity == lot.times(whaleLots) else { return nil }
        self.engine = engine
        self.time = time
    }

    /// The index move that bankrupts the whale, as a command.
    func crash() -> Command {
        Command(time: time + 1_000, .indexPrice(IndexPrice(symbol: Self.symbol, price: Self.crashPrice)))
    }
}
