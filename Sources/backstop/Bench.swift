import ArgumentParser
import BackstopSimulation
import Foundation

/// `backstop bench`: the benchmark workloads in this process, each figure next to its target.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the benchmark workloads and print each figure next to its target.",
        discussion: "Build with -c release for figures that mean anything. Workloads: orderflow, mark-tick, adl, simulate, journal.")

    enum Workload: String, CaseIterable, ExpressibleByArgument {
        case orderflow
        case markTick = "mark-tick"
        case adl
        case simulate
        case journal
    }

    @Argument(help: "One workload; all when absent.")
    var workload: Workload?

    @Option(help: "Commands in the orderflow workload.")
    var commands = 3_000_000

    @Option(help: "Open positions in the mark-tick workload.")
    var positions = 1_000_000

    @Option(help: "Mark-price moves in the mark-tick workload.")
    var ticks = 10_000

    @Option(help: "Candidates in the adl workload (and positions for its indicator refresh).")
    var candidates = 1_000_000

    @Option(help: "Commands in the journal workload.")
    var journalCommands = 1_000_000

    @Option(help: "Where the journal workload writes its SQLite file (a temporary folder by default).")
    var journalDirectory: String?

    func run() async throws {
        for workload in workload.map({ [$0] }) ?? Workload.allCases {
            let result: BenchmarkResult
            switch workload {
            case .orderflow: result = OrderFlowWorkload.run(commands: commands)
            case .markTick: result = MarkTickWorkload.run(positions: positions, ticks: ticks)
            case .adl: result = ADLWorkload.run(candidates: candidates, indicatorPositions: candidates)
            case .simulate: result = try SimulateWorkload.run()
            case .journal:
                result = try await JournalWorkload.run(
                    commands: journalCommands, snapshotPositions: positions, directory: journalDirectory)
            }
            print(BenchTable.render(result))
        }
    }
}

/// A workload's figures as text.
enum BenchTable {
    static func render(_ result: BenchmarkResult) -> String {
        var text = "\(result.workload)\n"
        for figure in result.figures {
            let value = figure.value >= 1000 ? String(format: "%.0f", figure.value) : String(format: "%.2f", figure.value)
            let target = figure.target.map { (figure.higherIsBetter ? ">= " : "<= ") + String(format: "%.0f", $0) } ?? ""
            let verdict = figure.target == nil ? "" : (figure.meetsTarget ? "met" : "MISSED")
            text += "  \(figure.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(value.leftPadded(14)) \(figure.unit.padding(toLength: 12, withPad: " ", startingAt: 0)) \(target.leftPadded(12)) \(verdict)\n"
        }
        for (check, held) in result.checks.sorted(by: { $0.key < $1.key }) {
            text += "  check: \(check): \(held ? "yes" : "NO")\n"
        }
        return text
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
