import ArgumentParser
import BackstopEngine
import BackstopJournal
import Foundation

/// `backstop replay --journal PATH`: rebuilds the state from a journal.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the state from a journal, checking every entry, and print the events as JSON lines.",
        discussion: """
            The journal is a SQLite file or a postgres://user:password@host:port/database URL. Every entry's
            sequence number and checksum are checked; the first damaged entry stops the replay with its
            sequence number and what is wrong, and nothing after it is applied.
            """)

    @Option(help: "The journal: a SQLite file or a postgres:// URL.")
    var journal: String

    @Option(help: "Stop after this entry.")
    var until: UInt64?

    @Flag(help: "End with one JSON object summarizing the final state, as `backstop apply --summary` does.")
    var summary = false

    @Flag(help: "Print only the summary, not the events.")
    var quiet = false

    @Flag(help: "Start from the newest sound snapshot instead of the first entry (the summary then counts only the entries after it).")
    var fromSnapshot = false

    func run() async throws {
        let storage = try await JournalFile.open(journal)
        let output = JSONLinesWriter()
        let recovered: RecoveredVenue
        do {
            recovered = try await Recovery.recover(from: storage, until: until, useSnapshots: fromSnapshot) { _, _, events in
                if !quiet {
                    for event in events { try output.write(event) }
                }
            }
        } catch let corruption as JournalCorruption {
            try? await storage.close()
            throw UserError("\(journal): \(corruption)")
        }
        try await storage.close()
        for skipped in recovered.skippedSnapshots {
            FileHandle.standardError.write(Data("skipped the \(skipped)\n".utf8))
        }
        if let snapshot = recovered.snapshot {
            FileHandle.standardError.write(Data("started from the snapshot at entry \(snapshot)\n".utf8))
        }
        if summary || quiet {
            try output.write(EngineSummary(engine: recovered.engine, commands: recovered.replayed, rejected: recovered.rejected))
        }
    }
}

/// Opening a journal named on the command line.
enum JournalFile {
    /// The journal at `text`; a SQLite file must exist unless `create` is set.
    static func open(_ text: String, create: Bool = false) async throws -> any JournalStorage {
        let location = JournalLocation(text)
        if case .sqlite(let path) = location, !create, !FileManager.default.fileExists(atPath: path) {
            throw UserError("no journal at '\(path)'")
        }
        do {
            return try await location.open()
        } catch {
            throw UserError("cannot open the journal: \(error)")
        }
    }
}
