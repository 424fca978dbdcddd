import BackstopCore
import BackstopEngine

/// exchange-core's order-book workload through the full engine: one market, 1,000 accounts, about
/// 1,000 resting orders over about 750 price levels, and a command mix of 9% GTC limit orders, 3% IOC,
/// 6% cancels and 82% moves (amendments of price).
///
/// Two engines run the same commands. The first drives the workload: the harness builds each command
/// from what the events told it, and times each `apply` on its own for the latency percentiles. The
/// second replays those commands back to back in batches, as exchange-core replays its pre-generated
/// commands, and only the batches are timed: the throughput is the engine's alone, without the
/// harness's work or a clock read per command. Both engines must end in the same state. The batches'
/// thread CPU time is reported too: on a shared machine the wall-clock figure also counts the time
/// the thread waited for a core.
public enum OrderFlowWorkload {
    public static let accounts = 1_000

    /// Commands replayed per timed batch: enough that the replaying engine's working set, cooled by
    /// the driving engine between batches, is warm again for nearly all of a batch.
    static let batchSize = 65_536

    public static func run(commands count: Int, seed: UInt64 = 1) -> BenchmarkResult {
        var engine = Engine()
        var replay = BatchReplay()
        var random = ScenarioRandom(seed: seed, stream: 42)
        let spec = MarketSpec(
            symbol: "BENCHUSDT", baseAsset: "BENCH", tickSize: Price(units: 1), lotSize: Quantity(units: 1),
            minNotional: .zero, maxOrderQuantity: Quantity(units: 10_000), maxPrice: Price(units: 1_000_000),
            riskTiers: [RiskTier(notionalFloor: .zero, maxLeverage: 100, maintenanceMarginRate: Rate("0.005")!)],
            makerFeeRate: Rate("0.0002")!, takerFeeRate: Rate("0.0005")!, liquidationFeeRate: Rate("0.01")!,
            priceBand: Rate("0.5")!)
        var time: Timestamp = 0
        var opening = [
            Command(time: time, .createMarket(spec)),
            Command(time: time, .indexPrice(IndexPrice(symbol: spec.symbol, price: Price(units: 100_000)))),
        ]
        for account in 1...accounts {
            opening.append(Command(time: time, .deposit(Deposit(account: AccountID(UInt64(account)), amount: Money(units: 10_000_000)))))
        }
        for command in opening {
            _ = engine.apply(command)
            replay.engine.apply(command, into: &replay.events)
        }
        // The harness's own view of the book, kept from the events, so that it asks the engine nothing.
        var open: [(account: AccountID, id: OrderID, price: Price)] = []
        var slotOf: [OrderID: Int] = [:]
        func forget(_ id: OrderID) {
            guard let slot = slotOf.removeValue(forKey: id) else { return }
            let last = open.removeLast()
            if slot < open.count {
                open[slot] = last
                slotOf[last.id] = slot
            }
        }
        var samples = LatencySamples()
        var rejected: [RejectReason: Int] = [:]
        var events: [Event] = []
        let loopStarted = ContinuousClock.now
        for _ in 0..<count {
            time += 1
            let account = AccountID(UInt64(Int.random(in: 1...accounts, using: &random)))
            let roll = Int.random(in: 0..<100, using: &random)
            let side: Side = Bool.random(using: &random) ? .buy : .sell
            // Prices spread over about 750 ticks around 100,000, buys below and sells above mostly.
            let offset = Int64(Int.random(in: -40...375, using: &random))
            let price = Price(units: side == .buy ? 100_000 - offset : 100_000 + offset)
            let action: Command.Action
            // Placements refill the book below 900 orders; above 1,100 the placement share turns
            // into cancels, so the book stays near 1,000 orders.
            if open.count < 900 || (roll < 9 && open.count <= 1_100) {
                action = .placeOrder(PlaceOrder(
                    account: account, symbol: spec.symbol, side: side, price: price,
                    quantity: Quantity(units: Int64.random(in: 1...20, using: &random)), selfTradePrevention: .none))
            } else if roll < 12 {
                action = .placeOrder(PlaceOrder(
                    account: account, symbol: spec.symbol, side: side, timeInForce: .ioc,
                    price: Price(units: side == .buy ? 100_400 : 99_600),
                    quantity: Quantity(units: Int64.random(in: 1...10, using: &random)), selfTradePrevention: .none))
            } else if roll < 18 || open.count > 1_100 && roll < 21 {
                let target = open[Int.random(in: 0..<open.count, using: &random)]
                action = .cancelOrder(CancelOrder(account: target.account, symbol: spec.symbol, orderId: target.id))
            } else {
                let target = open[Int.random(in: 0..<open.count, using: &random)]
                let move = Int64.random(in: -3...3, using: &random)
                let newPrice = Price(units: max(1, target.price.raw / Price.scale + (move == 0 ? 1 : move)))
                action = .amendOrder(AmendOrder(account: target.account, symbol: spec.symbol, orderId: target.id, price: newPrice))
            }
            let command = Command(time: time, action)
            events.removeAll(keepingCapacity: true)
            let started = ContinuousClock.now
            engine.apply(command, into: &events)
            samples.record(ContinuousClock.now - started)
            replay.append(command)
            for event in events {
                switch event {
                case .orderAccepted(let accepted):
                    slotOf[accepted.orderId] = open.count
                    open.append((accepted.account, accepted.orderId, accepted.price ?? .zero))
                case .orderAmended(let amended):
                    if let slot = slotOf[amended.orderId] { open[slot].price = amended.price }
                case .orderClosed(let closed):
                    forget(closed.orderId)
                case .rejected(let rejection):
                    rejected[rejection.reason, default: 0] += 1
                default:
                    break
                }
            }
        }
        replay.flush()
        let loopNanoseconds = (ContinuousClock.now - loopStarted).nanoseconds
        let harnessNanoseconds = loopNanoseconds - samples.total - replay.nanoseconds
        let book = engine.market(spec.symbol)?.book
        return BenchmarkResult(
            workload: "orderflow",
            figures: [
                BenchmarkFigure(name: "throughput", value: Double(count) / (Double(replay.nanoseconds) / 1e9), unit: "commands/s", target: 3_000_000, higherIsBetter: true),
                BenchmarkFigure(name: "on the CPU (thread time)", value: Double(count) / (Double(replay.cpuNanoseconds) / 1e9), unit: "commands/s", target: nil, higherIsBetter: true),
                BenchmarkFigure(name: "timed one by one", value: Double(count) / (Double(samples.total) / 1e9), unit: "commands/s", target: nil, higherIsBetter: true),
                BenchmarkFigure(name: "timer overhead per sample", value: LatencySamples.timerOverhead(), unit: "ns", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "harness per command", value: Double(harnessNanoseconds) / Double(count), unit: "ns", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "median per command", value: samples.percentile(0.5), unit: "ns", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "p99 per command", value: samples.percentile(0.99), unit: "ns", target: nil, higherIsBetter: false),
                BenchmarkFigure(name: "resting orders at the end", value: Double(book?.orderCount ?? 0), unit: "orders", target: nil, higherIsBetter: true),
                BenchmarkFigure(name: "price levels at the end", value: Double((book?.depth(.buy).count ?? 0) + (book?.depth(.sell).count ?? 0)), unit: "levels", target: nil, higherIsBetter: true),
            ] + rejected.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                BenchmarkFigure(name: "rejected: \($0.key.rawValue)", value: Double($0.value), unit: "commands", target: nil, higherIsBetter: false)
            },
            checks: [
                "conservation and open interest hold": engine.invariantViolations().isEmpty,
                "the replay reached the same state": replay.engine.stateHash == engine.stateHash,
            ])
    }
}

/// An engine that applies commands in batches, timing each batch as a whole.
struct BatchReplay {
    var engine = Engine()
    /// One events array, emptied between commands.
    var events: [Event] = []
    /// The time spent applying the batches.
    private(set) var nanoseconds: Int64 = 0
    /// The thread CPU time spent applying the batches.
    private(set) var cpuNanoseconds: Int64 = 0
    private var pending: [Command] = []

    /// Queues a command; a full batch is applied at once.
    mutating func append(_ command: Command) {
        pending.append(command)
        if pending.count == OrderFlowWorkload.batchSize { flush() }
    }

    /// Applies the queued commands back to back and adds their time.
    mutating func flush() {
        let started = ContinuousClock.now
        let cpuStarted = ThreadClock.nanoseconds()
        // By index: a `for command in` loop would copy each command out of the array first.
        for index in pending.indices {
            events.removeAll(keepingCapacity: true)
            engine.apply(pending[index], into: &events)
        }
        cpuNanoseconds += ThreadClock.nanoseconds() - cpuStarted
        nanoseconds += (ContinuousClock.now - started).nanoseconds
        pending.removeAll(keepingCapacity: true)
    }
}
