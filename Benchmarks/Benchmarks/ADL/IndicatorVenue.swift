import BackstopEngine
import BackstopSimulation

/// The venue whose ADL indicators are refreshed: the mark-tick workload's, as in `backstop bench adl`.
final class IndicatorVenue {
    private let positions: Int
    private(set) var engine = Engine()
    /// The trader accounts with an open position: each must have an indicator.
    private(set) var openTraders = 0

    /// A venue of `positions` open positions, opened by `open()`.
    init(positions: Int) {
        self.positions = positions
    }

    /// Builds the venue and counts the traders with an open position.
    func open() {
        engine = MarkTickWorkload.venue(positions: positions).engine
        openTraders = engine.accounts.count { account in
            account.role == .trader && account.positions.contains { !$0.quantity.isZero }
        }
    }
}
