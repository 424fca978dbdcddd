import BackstopEngine
import Foundation
import Synchronization

/// Where the server reads the time it stamps on commands. The engine never reads a clock; the
/// server does, once per command, and the time travels inside the command into the journal.
public protocol VenueClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func now() -> Timestamp
}

/// The machine's clock.
public struct WallClock: VenueClock {
    /// Creates the clock.
    public init() {}
    public func now() -> Timestamp { Timestamp((Date().timeIntervalSince1970 * 1_000).rounded(.down)) }
}

/// A clock that moves only when told to, for tests.
public final class ManualClock: VenueClock {
    private let time: Mutex<Timestamp>
    /// Starts at `time`.
    public init(_ time: Timestamp) { self.time = Mutex(time) }
    public func now() -> Timestamp { time.withLock { $0 } }
    /// Moves the clock forward by `milliseconds`.
    public func advance(_ milliseconds: Timestamp) { time.withLock { $0 += milliseconds } }
    /// Sets the clock.
    public func set(_ value: Timestamp) { time.withLock { $0 = value } }
}
