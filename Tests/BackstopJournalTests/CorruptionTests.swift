import BackstopEngine
import BackstopJournal
import Foundation
import GRDB
import Testing

/// Damage done to a journal's file behind its back is found and located when it is read.
@Suite("Corruption")
struct CorruptionTests {
    /// A closed SQLite journal of 2,000 generated commands in batches of 100.
    static func journal(in directory: TemporaryDirectory) async throws -> (path: String, commands: [Command]) {
        let path = directory.path("venue.sqlite")
        let storage = try SQLiteJournalStorage(path: path)
        let commands = OrderFlow.commands(count: 2_000, seed: 21)
        _ = try await JournalWriter(storage: storage, after: 0, checksum: 0, maxBatch: 100).append(commands)
        try await storage.close()
        return (path, commands)
    }

    static func replay(_ path: String) async throws -> (read: Int, error: (any Error)?) {
        let storage = try SQLiteJournalStorage(path: path)
        defer { Task { try? await storage.close() } }
        var read = 0
        do {
            _ = try await JournalReader(storage: storage).read { _, _ in read += 1 }
            return (read, nil)
        } catch {
            return (read, error)
        }
    }

    @Test("a byte flipped in the database file is reported at its entry, and nothing after it is read")
    func flippedByteInFile() async throws {
        let directory = try TemporaryDirectory()
        let (path, commands) = try await Self.journal(in: directory)
        var file = try Data(contentsOf: URL(fileURLWithPath: path))
        // Entry 1,500's payload, as it sits in the file.
        let payload = Data(CommandCodec.encode(commands[1_499]))
        let found = try #require(file.range(of: payload), "the payload should be stored as it is")
        #expect(file.range(of: payload, in: found.upperBound..<file.endIndex) == nil, "the payload should be unique")
        file[found.lowerBound + payload.count - 1] ^= 0x20
        try file.write(to: URL(fileURLWithPath: path))

        let (read, error) = try await Self.replay(path)
        let corruption = try #require(error as? JournalCorruption)
        #expect(corruption.sequence == 1_500)
        guard case .checksumMismatch = corruption.problem else {
            Issue.record("expected a checksum mismatch, got \(corruption)")
            return
        }
        #expect(corruption.description.hasPrefix("journal entry 1500: checksum mismatch"))
        #expect(read == 1_499)
    }

    @Test("a torn last batch is reported at the entry it tears, with the bytes missing")
    func tornTail() async throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try await Self.journal(in: directory)
        let database = try DatabaseQueue(path: path)
        try await database.write { db in
            try db.execute(sql: "UPDATE batches SET entries = substr(entries, 1, length(entries) - 6) WHERE first_sequence = 1901")
        }
        try database.close()
        let (read, error) = try await Self.replay(path)
        let corruption = try #require(error as? JournalCorruption)
        #expect(corruption.sequence == 2_000)
        guard case .truncated = corruption.problem else {
            Issue.record("expected a torn entry, got \(corruption)")
            return
        }
        #expect(read == 1_999)
    }

    @Test("a missing batch in the middle is reported as a gap, not skipped")
    func missingBatch() async throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try await Self.journal(in: directory)
        let database = try DatabaseQueue(path: path)
        try await database.write { db in try db.execute(sql: "DELETE FROM batches WHERE first_sequence = 801") }
        try database.close()
        let (read, error) = try await Self.replay(path)
        #expect(error as? JournalCorruption == JournalCorruption(sequence: 801, .sequenceOutOfOrder(found: 901)))
        #expect(read == 800)
    }

    @Test("a database file cut short is an error, not a crash and not an empty journal")
    func truncatedFile() async throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try await Self.journal(in: directory)
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        try file.prefix(file.count / 2).write(to: URL(fileURLWithPath: path))
        await #expect(throws: (any Error).self) {
            let storage = try SQLiteJournalStorage(path: path)
            defer { Task { try? await storage.close() } }
            _ = try await JournalReader(storage: storage).read { _, _ in }
        }
    }
}
