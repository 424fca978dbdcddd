import ArgumentParser

/// The `backstop` command line.
@main
struct Backstop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A perpetual-futures clearing and risk engine: liquidation, insurance fund and auto-deleveraging.",
        subcommands: [Simulate.self, Serve.self, Apply.self, Replay.self, ADLPlan.self, Bench.self])
}
