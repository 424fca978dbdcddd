import BackstopEngine
import Synchronization

/// Keeps the page's per-position figures from costing the sequencer more than one pass a second.
///
/// The figures are recomputed only when an accepted command has changed the state since they were
/// computed (the risk log counts every accepted command) and at least ``minimumInterval``
/// milliseconds have passed on the server's clock; until then every poll gets the last figures,
/// with the engine time they were computed at. Concurrent polls wait for one computation.
public final class MarketRiskCache: Sendable {
    /// The figures and what they were computed from.
    public struct Figures: Sendable {
        /// The accepted commands counted when they were computed.
        public var commands: UInt64
        /// The engine's time then.
        public var engineTime: Timestamp
        /// The server's clock then.
        public var computedAt: Timestamp
        /// The figures of every market, in listing order.
        public var markets: [MarketRisk]
    }

    /// The shortest time between two computations, in milliseconds.
    public let minimumInterval: Int64
    private let cached = Mutex<Figures?>(nil)

    /// An empty cache.
    public init(minimumInterval: Int64 = 1_000) {
        self.minimumInterval = minimumInterval
    }

    /// The figures for `engine`, recomputed when due.
    ///
    /// - Parameters:
    ///   - commands: the accepted commands counted so far (``RiskEventLog/commandsRecorded``).
    ///   - now: the server's clock.
    public func figures(engine: Engine, commands: UInt64, now: Timestamp) -> Figures {
        cached.withLock { cached in
            if let figures = cached, figures.commands == commands || now - figures.computedAt < minimumInterval {
                return figures
            }
            let figures = Figures(
                commands: commands, engineTime: engine.time, computedAt: now, markets: MarketRisk.all(in: engine))
            cached = figures
            return figures
        }
    }
}
