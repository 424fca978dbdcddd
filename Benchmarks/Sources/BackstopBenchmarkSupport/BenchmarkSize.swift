import Foundation

/// The sizes the workloads run at: those of `backstop bench` by default, smaller through the
/// environment so that a quick run can still check every benchmark's answers.
public enum BenchmarkSize {
    /// Commands per run of the orderflow workload (`BACKSTOP_BENCH_COMMANDS`).
    public static let commands = read("BACKSTOP_BENCH_COMMANDS", default: 1_000_000)
    /// Open positions under the mark-tick workload's ticks (`BACKSTOP_BENCH_POSITIONS`).
    public static let positions = read("BACKSTOP_BENCH_POSITIONS", default: 1_000_000)
    /// Candidates of every ADL plan, and positions of the indicator refresh (`BACKSTOP_BENCH_CANDIDATES`).
    public static let candidates = read("BACKSTOP_BENCH_CANDIDATES", default: 1_000_000)

    /// The positive whole number in `variable`, or `size` when it is not set.
    static func read(_ variable: String, default size: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment[variable] else { return size }
        guard let value = Int(text), value > 0 else { fatalError("\(variable) must be a positive whole number, not \(text)") }
        return value
    }
}
