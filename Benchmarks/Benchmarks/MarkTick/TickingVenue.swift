import BackstopCore
import BackstopEngine
import BackstopSimulation

/// The mark-tick workload's venue and its index, moved one tick at a time across iterations.
final class TickingVenue {
    private let positions: Int
    private var engine = Engine()
    private var time: Timestamp = 10_000_000
    private var tick = 0

    /// A venue of `positions` open positions, opened by `open()`.
    init(positions: Int) {
        self.positions = positions
    }

    /// Builds the workload's venue: the positions, 50 of them at 100x, against two makers.
    func open() {
        engine = MarkTickWorkload.venue(positions: positions).engine
    }

    /// Moves the index one step of the workload's zigzag: steps of 0.1% between 58,800 and 61,200.
    func step() -> [Event] {
        time += 1_000
        let phase = tick % 40
        tick += 1
        let price = Price(units: 60_000 - 1_200 + Int64(phase < 20 ? phase : 40 - phase) * 120)
        return engine.apply(Command(time: time, .indexPrice(IndexPrice(symbol: "BTCUSDT", price: price))))
    }

    /// The workload's checks: a naive rescan of every account finds none liquidatable that the ticks
    /// missed, and the invariants hold.
    var checks: [String: Bool] {
        let missed = engine.accounts.count { account in
            account.role == .trader
                && (engine.isCrossLiquidatable(account) || account.positions.contains(where: engine.isIsolatedLiquidatable))
        }
        return [
            "the index and a naive rescan agree (no account left liquidatable)": missed == 0,
            "invariants hold": engine.invariantViolations(includeReservations: false).isEmpty,
        ]
    }
}
