import ArgumentParser

/// The `backstop` command line.
@main
struct Backstop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A perpetual-futures clearing and risk engine: liquidation, insurance fund and auto-deleveraging.",
        subcommands: [Simulate.self, Apply.self, ADLPlan.self, Bench.self])
}
