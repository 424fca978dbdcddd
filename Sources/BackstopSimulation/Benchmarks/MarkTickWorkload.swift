import BackstopCore
import BackstopEngine
import Foundation

/// A million open positions in one market, then mark-price moves of about 0.1% that liquidate only a
/// handful: the cost of detection per tick, against a naive rescan of every position.
public enum MarkTickWorkload {
    /// Builds the venue: `positions` traders (half isolated) long or short one lot against two makers,
    /// most at 1x to 5x, and 50 at 100x whose liquidation the first swings reach.
    public static func venue(positions: Int) -> (engine: Engine, setupSeconds: Double) {
        let started = ContinuousClock.now
        var engine = Engine()
        var time: Timestamp = 0
        var rejections: [RejectReason: Int] = [:]
        func apply(_ action: Command.Action) {
            if case .rejected(let rejection) = engine.apply(Command(time: time, action)).first {
                rejections[rejection.reason, default: 0] += 1
            }
        }
        let spec = MarketSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Price("0.1")!, lotSize: Quantity("0.001")!,
            minNotional: .zero, maxOrderQuantity: Quantity(units: 10_000), maxPrice: Price(units: 1_000_000),
            riskTiers: [RiskTier(notionalFloor: .zero, maxLeverage: 125, maintenanceMarginRate: Rate("0.004")!)],
            makerFeeRate: .zero, takerFeeRate: .zero, liquidationFeeRate: Rate("0.01")!, priceBand: Rate("0.5")!,
            liquidation: LiquidationSpec(insuranceFund: "main"))
        apply(.createInsuranceFund(InsuranceFundSpec(name: "main", account: 1)))
        apply(.deposit(Deposit(account: AccountID(1), amount: Money(units: 1_000_000_000))))
        apply(.createMarket(spec))
        apply(.indexPrice(IndexPrice(symbol: spec.symbol, price: Price(units: 60_000))))
        let makers = [AccountID(2), AccountID(3)]
        for maker in makers {
            apply(.deposit(Deposit(account: maker, amount: Money(units: 2_000_000_000))))
            apply(.setLeverage(SetLeverage(account: maker, symbol: spec.symbol, leverage: 1)))
        }
        let half = Quantity.of(positions / 2 + 1, lot: spec.lotSize)
        apply(.placeOrder(PlaceOrder(account: makers[0], symbol: spec.symbol, side: .sell, price: Price(units: 60_000), quantity: half)))
        apply(.placeOrder(PlaceOrder(account: makers[1], symbol: spec.symbol, side: .buy, price: Price("59999.9")!, quantity: half)))
        var random = ScenarioRandom(seed: 1, stream: 7)
        for index in 0..<positions {
            time += 1
            let trader = AccountID(UInt64(1_000 + index))
            let levered = index < 50
            // 0.001 BTC at 60,000 is 60 of notional: 100x needs 0.6; 1x to 5x deposit 12 to 60.
            let deposit = levered ? Money("0.7")! : Money(raw: Int64(random.uniform(12, 60) * Double(Money.scale)))
            apply(.deposit(Deposit(account: trader, amount: deposit)))
            if index % 2 == 1 { apply(.setMarginMode(SetMarginMode(account: trader, symbol: spec.symbol, mode: .isolated))) }
            if levered { apply(.setLeverage(SetLeverage(account: trader, symbol: spec.symbol, leverage: 100))) }
            apply(.placeOrder(PlaceOrder(
                account: trader, symbol: spec.symbol, side: index % 4 < 2 ? .buy : .sell, type: .market, price: nil,
                quantity: spec.lotSize)))
        }
        precondition(rejections.isEmpty, "the mark-tick venue could not be set up: \(rejections)")
        let elapsed = ContinuousClock.now - started
        return (engine, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    public static func run(positions: Int, ticks: Int) -> BenchmarkResult {
        var (engine, setup) = venue(positions: positions)
        let memory = PeakMemory.megabytes()
        var samples = LatencySamples()
        var liquidations = 0
        var time: Timestamp = 10_000_000
        for tick in 0..<ticks {
            time += 1_000
            // A zigzag of 0.1% steps between 58,800 and 61,200.
            let phase = tick % 40
            let step = phase < 20 ? phase : 40 - phase
            let price = Price(units: 60_000 - 1_200 + Int64(step) * 120)
            let started = ContinuousClock.now
            let events = engine.apply(Command(time: time, .indexPrice(IndexPrice(symbol: "BTCUSDT", price: price))))
            samples.record(ContinuousClock.now - started)
            liquidations += events.count { if case .liquidationStarted = $0 { true } else { false } }
        }
        let rescanStarted = ContinuousClock.now
        let naive = engine.accounts.count { $0.role == .trader && (engine.isCrossLiquidatable($0)
            || $0.positions.contains(where: engine.isIsolatedLiquidatable)) }
        let rescan = ContinuousClock.now - rescanStarted
        let rescanNanoseconds = Double(rescan.components.seconds) * 1e9 + Double(rescan.components.attoseconds) / 1e9
        let median = samples.percentile(0.5)
        return BenchmarkResult(
            workload: "mark-tick",
            figures: [
                BenchmarkFigure(
                    name: "open positions", value: Double(engine.accounts.count { $0.positions.contains { !$0.quantity.isZero } }),
                    unit: "positions", target: nil, higherIsBetter: true),
                BenchmarkFigure(name: "setup", value: setup, unit: "s", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "median tick", value: median / 1_000, unit: "µs", target: 20, higherIsBetter: false),
                BenchmarkFigure(name: "p99 tick", value: samples.percentile(0.99) / 1_000, unit: "µs", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "naive full rescan", value: rescanNanoseconds / 1_000, unit: "µs", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "rescan / median tick", value: rescanNanoseconds / max(median, 1), unit: "x", target: 100, higherIsBetter: true),
                BenchmarkFigure(name: "liquidations", value: Double(liquidations), unit: "accounts", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "peak memory", value: memory, unit: "MB", target: 1_024, higherIsBetter: false),
            ],
            checks: [
                "the index and a naive rescan agree (no account left liquidatable)": naive == 0,
                "invariants hold": engine.invariantViolations(includeReservations: false).isEmpty,
            ])
    }
}

extension Quantity {
    /// `count` lots.
    static func of(_ count: Int, lot: Quantity) -> Quantity { lot.times(Int64(count)) }
}

/// The process's peak resident memory.
enum PeakMemory {
    static func megabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1_024
    }
}
