import ArgumentParser
import BackstopEngine
import BackstopJournal
import Foundation

/// `backstop apply FILE`: runs commands from a JSON-lines file through the engine.
struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply commands from a JSON-lines file and print the events as JSON lines.",
        discussion: """
            Each non-empty line of FILE is one command, for example
              {"time": 0, "type": "deposit", "account": 1, "amount": "1000"}
            The file is read and checked whole before anything is applied: a malformed line stops the
            run with its line number and nothing is applied. Lines starting with # are comments.

            With --journal, the state is first rebuilt from the journal (created if missing), and every
            command is durably journaled before its events are printed: after each group of commands
            comes a line {"durable": N}, N being the last entry on stable storage. A snapshot of the state
            is stored every --snapshot-every entries, so that the next start replays only what follows it.
            The summary counts the commands of FILE.
            """)

    @Argument(help: "A file of commands, one JSON object per line ('-' for standard input).")
    var file: String

    @Flag(help: "End with one JSON object summarizing the final state (stateHash, accounts, open interest).")
    var summary = false

    @Flag(help: "Print only the summary, not the events.")
    var quiet = false

    @Flag(help: "Check the engine's invariants after every command and stop at the first violation.")
    var checkInvariants = false

    @Option(help: "Journal the commands here: a SQLite file or a postgres:// URL.")
    var journal: String?

    @Option(help: "With --journal, store a snapshot of the state every this many entries (0: never).")
    var snapshotEvery: UInt64 = 10_000

    /// Commands journaled and acknowledged together.
    static let group = 1_000

    func run() async throws {
        let commands = try CommandFile.read(file)
        let output = JSONLinesWriter()
        var run = CommandRun(checkInvariants: checkInvariants)
        if let journal {
            let storage = try await JournalFile.open(journal, create: true)
            let recovered: RecoveredVenue
            do {
                recovered = try await Recovery.recover(from: storage)
            } catch let corruption as JournalCorruption {
                throw UserError("\(journal): \(corruption); nothing was applied")
            }
            run.engine = recovered.engine
            let writer = JournalWriter(storage: storage, after: recovered.position.sequence, checksum: recovered.position.checksum)
            for start in stride(from: 0, to: commands.count, by: Self.group) {
                var printed: [[Event]] = []
                var last: UInt64 = 0
                for (number, command) in commands[start..<min(start + Self.group, commands.count)] {
                    last = try writer.enqueue(command)
                    printed.append(try run.apply(command, line: number))
                }
                try await writer.waitUntilDurable(last)
                if snapshotEvery > 0, last / snapshotEvery > (last - UInt64(printed.count)) / snapshotEvery {
                    try await storage.save(EngineSnapshot.make(run.engine, at: writer.lastQueued))
                }
                if !quiet {
                    for events in printed {
                        for event in events { try output.write(event) }
                    }
                    try output.write(["durable": last])
                }
            }
            try await storage.close()
        } else {
            for (number, command) in commands {
                let events = try run.apply(command, line: number)
                if !quiet {
                    for event in events { try output.write(event) }
                }
            }
        }
        if summary || quiet {
            try output.write(EngineSummary(engine: run.engine, commands: run.applied, rejected: run.rejected))
        }
    }
}

/// An engine fed commands one by one, counting what it refused.
struct CommandRun {
    var engine = Engine()
    let checkInvariants: Bool
    var applied = 0
    var rejected = 0

    init(checkInvariants: Bool) { self.checkInvariants = checkInvariants }

    /// Applies a command read from `line`.
    ///
    /// - Throws: a ``UserError`` when an invariant is violated after it and invariants are checked.
    mutating func apply(_ command: Command, line: Int) throws -> [Event] {
        let events = engine.apply(command)
        applied += 1
        if case .rejected = events.first { rejected += 1 }
        if checkInvariants {
            let violations = engine.invariantViolations()
            if !violations.isEmpty {
                throw UserError("after line \(line): " + violations.map(\.description).joined(separator: "; "))
            }
        }
        return events
    }
}
