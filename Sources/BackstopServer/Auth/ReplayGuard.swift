import Synchronization

/// Remembers the signatures of signed requests until their receive window has passed, so that a
/// captured request sent again is refused instead of acted on twice.
public final class ReplayGuard: Sendable {
    private struct State {
        var expiries: [String: Int64] = [:]
        var nextSweep: Int = 4_096
    }

    private let state = Mutex(State())

    /// Creates an empty guard.
    public init() {}

    /// Records `signature`, valid until `expiry` (milliseconds); false when it was seen before and
    /// has not expired.
    public func admit(_ signature: String, expiry: Int64, now: Int64) -> Bool {
        state.withLock { state in
            if let seen = state.expiries[signature], seen >= now { return false }
            state.expiries[signature] = expiry
            if state.expiries.count >= state.nextSweep {
                state.expiries = state.expiries.filter { $0.value >= now }
                state.nextSweep = max(4_096, state.expiries.count * 2)
            }
            return true
        }
    }
}
