import ArgumentParser
import BackstopCore
import BackstopEngine
import BackstopJournal
import BackstopSimulation
import Foundation

/// `backstop simulate`: runs a crash through the real engine once per deleveraging policy and
/// compares who paid.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a stress scenario through the engine under every ADL policy and compare who paid.",
        discussion: """
            SCENARIO is a built-in scenario's name (see --list) or a scenario JSON file; the format is
            documented in docs/scenario-format.md. Without it, the built-in 'cascade' runs.
            """)

    @Argument(help: "A built-in scenario or a scenario file.")
    var scenario: String = BuiltInScenarios.defaultName

    @Flag(help: "List the built-in scenarios.")
    var list = false

    @Flag(help: "Print the scenario's JSON (a starting point for your own) and exit.")
    var printScenario = false

    @Option(help: "Compare only these policies (comma separated).")
    var policies: String?

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(help: "Write report.html, summary.json and accounts.csv to this folder.")
    var out: String?

    @Option(help: "Journal each policy's commands to <policy>.sqlite in this folder, for `backstop replay`.")
    var journal: String?

    func run() async throws {
        if list {
            for entry in BuiltInScenarios.all {
                print("\(entry.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(entry.summary)")
            }
            return
        }
        if printScenario {
            guard let json = BuiltInScenarios.json(named: scenario) else {
                throw UserError("'\(scenario)' is not a built-in scenario")
            }
            print(json)
            return
        }
        var loaded: Scenario
        do {
            loaded = try ScenarioLoader.load(scenario)
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if let policies {
            var chosen: [DeleveragingPolicyName] = []
            for name in policies.split(separator: ",") {
                guard let policy = DeleveragingPolicyName(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    FileHandle.standardError.write(Data("Error: --policies: unknown policy '\(name)'\n".utf8))
                    throw ExitCode(2)
                }
                chosen.append(policy)
            }
            loaded.policies = chosen
        }
        if let seed { loaded.seed = seed }
        let terminal = Terminal()
        terminal.status("\(loaded.name): \(loaded.description)")
        let bar = ProgressBar(enabled: terminal.errorIsTerminal, width: 40)
        let simulation = Simulation(loaded) { share in bar.update(share) }
        bar.finish()
        print(ComparisonTable.render(simulation, colour: terminal.outputIsTerminal), terminator: "")
        if let out {
            try ReportFiles.write(simulation, to: out)
            print("wrote \(out)/report.html, \(out)/summary.json and \(out)/accounts.csv")
        }
        if let journal {
            try await Self.journal(simulation, to: journal)
        }
    }

    /// Writes each policy's command stream to a fresh journal, replacing an earlier one.
    private static func journal(_ simulation: Simulation, to folder: String) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for outcome in simulation.outcomes {
            let path = "\(folder)/\(outcome.policy.rawValue).sqlite"
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.removeItem(atPath: path + suffix)
            }
            let commands = CommandStream(simulation.scenario, policy: outcome.policy).commands
            let storage = try SQLiteJournalStorage(path: path)
            _ = try await JournalWriter(storage: storage, after: 0, checksum: 0).append(commands)
            try await storage.close()
            print("wrote \(path): \(commands.count) commands, final state hash \(outcome.metrics.stateHash)")
        }
    }
}
