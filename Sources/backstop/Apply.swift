import ArgumentParser
import BackstopEngine
import Foundation

/// `backstop apply FILE`: runs commands from a JSON-lines file through the engine.
struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply commands from a JSON-lines file and print the events as JSON lines.",
        discussion: """
            Each non-empty line of FILE is one command, for example
              {"time": 0, "type": "deposit", "account": 1, "amount": "1000"}
            The file is read and checked whole before anything is applied: a malformed line stops the
            run with its line number and nothing is applied. Lines starting with # are comments.
            """)

    @Argument(help: "A file of commands, one JSON object per line ('-' for standard input).")
    var file: String

    @Flag(help: "End with one JSON object summarizing the final state (stateHash, accounts, open interest).")
    var summary = false

    @Flag(help: "Print only the summary, not the events.")
    var quiet = false

    @Flag(help: "Check the engine's invariants after every command and stop at the first violation.")
    var checkInvariants = false

    func run() throws {
        let commands = try CommandFile.read(file)
        var engine = Engine()
        let output = JSONLinesWriter()
        var rejected = 0
        for (number, command) in commands {
            let events = engine.apply(command)
            if case .rejected = events.first { rejected += 1 }
            if !quiet {
                for event in events { try output.write(event) }
            }
            if checkInvariants {
                let violations = engine.invariantViolations()
                if !violations.isEmpty {
                    throw UserError("after line \(number): " + violations.map(\.description).joined(separator: "; "))
                }
            }
        }
        if summary || quiet {
            try output.write(EngineSummary(engine: engine, commands: commands.count, rejected: rejected))
        }
    }
}
