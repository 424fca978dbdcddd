/// Stops the benchmark's process unless every one of `checks` (what was checked, and whether it held)
/// held, so that a wrong answer fails the run however fast it came. `Benchmark.error(_:)` would not:
/// `swift package benchmark` reports it and still exits with success.
public func require(_ checks: [String: Bool]) {
    let failed = checks.filter { !$0.value }.map(\.key).sorted()
    if !failed.isEmpty { fatalError("wrong answer: " + failed.map { "not \($0)" }.joined(separator: "; ")) }
}
