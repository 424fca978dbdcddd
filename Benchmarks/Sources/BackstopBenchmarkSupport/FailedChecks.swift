import Benchmark

/// The checks of a benchmark's answer that did not hold: a wrong answer fails the run, however fast.
public struct FailedChecks: Error, CustomStringConvertible {
    /// What was checked and did not hold, sorted.
    public let names: [String]

    /// The failed ones among `checks` (what was checked, and whether it held); nil when all held.
    public init?(_ checks: [String: Bool]) {
        names = checks.filter { !$0.value }.map(\.key).sorted()
        if names.isEmpty { return nil }
    }

    /// The failed checks on one line.
    public var description: String { "wrong answer: " + names.map { "not \($0)" }.joined(separator: "; ") }
}

extension Benchmark {
    /// Fails the benchmark unless every one of `checks` (what was checked, and whether it held) held.
    public func require(_ checks: [String: Bool]) {
        if let failed = FailedChecks(checks) { error(failed.description) }
    }
}
