import BackstopEngine
import BackstopJournal
import Testing

@Suite("Journal storage")
struct JournalStorageTests {
    @Test("what the writer acknowledged, the reader gives back in order", arguments: StorageBackend.available)
    func roundTrip(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let storage = try await backend.makeEmpty(in: directory)
        let commands = OrderFlow.commands(count: 3_000, seed: 1)
        let writer = JournalWriter(storage: storage, after: 0, checksum: 0, maxBatch: 500)
        let range = try await writer.append(commands)
        #expect(range == 1...3_000)
        #expect(writer.durableSequence == 3_000)
        var read: [Command] = []
        let end = try await JournalReader(storage: storage, batchesPerRead: 2).read { sequence, command in
            #expect(sequence == UInt64(read.count + 1))
            read.append(command)
        }
        #expect(read == commands)
        #expect(end.sequence == 3_000)
        #expect(try await JournalReader(storage: storage).end() == end)
        try await storage.close()
    }

    @Test("concurrent callers each get their command durable, numbered in enqueue order", arguments: StorageBackend.available)
    func concurrentCallers(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let storage = try await backend.makeEmpty(in: directory)
        let writer = JournalWriter(storage: storage, after: 0, checksum: 0, maxBatch: 64)
        let commands = OrderFlow.commands(count: 2_000, seed: 2)
        let numbered = try await withThrowingTaskGroup(of: (UInt64, Command).self) { group in
            for command in commands {
                group.addTask {
                    let sequence = try writer.enqueue(command)
                    try await writer.waitUntilDurable(sequence)
                    #expect(writer.durableSequence >= sequence)
                    return (sequence, command)
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(numbered.count == 2_000)
        var read = 0
        _ = try await JournalReader(storage: storage).read { sequence, command in
            #expect(numbered[sequence] == command)
            read += 1
        }
        #expect(read == 2_000)
        try await storage.close()
    }

    @Test("reading stops at `until` and reports that entry's checksum", arguments: StorageBackend.available)
    func until(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let storage = try await backend.makeEmpty(in: directory)
        let writer = JournalWriter(storage: storage, after: 0, checksum: 0, maxBatch: 100)
        _ = try await writer.append(OrderFlow.commands(count: 1_000, seed: 3))
        var all: [JournalReader.Position] = []
        _ = try await JournalReader(storage: storage).read { sequence, _ in all.append(.init(sequence: sequence, checksum: 0)) }
        var count = 0
        let stop = try await JournalReader(storage: storage).read(until: 450) { _, _ in count += 1 }
        #expect(count == 450)
        #expect(stop.sequence == 450)
        // Going on from there gives exactly the rest, and proves the link.
        var rest = 0
        let end = try await JournalReader(storage: storage).read(after: stop) { sequence, _ in
            #expect(sequence == UInt64(451 + rest))
            rest += 1
        }
        #expect(rest == 550)
        #expect(end.sequence == 1_000)
        // A wrong checksum for entry 450 is caught at entry 450.
        await #expect(throws: JournalCorruption.self) {
            _ = try await JournalReader(storage: storage).read(after: .init(sequence: 450, checksum: stop.checksum ^ 1)) { _, _ in }
        }
        try await storage.close()
    }

    @Test("a reopened journal continues the chain where it ended", arguments: StorageBackend.available)
    func reopen(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let commands = OrderFlow.commands(count: 600, seed: 4)
        do {
            let storage = try await backend.makeEmpty(in: directory)
            _ = try await JournalWriter(storage: storage, after: 0, checksum: 0).append(Array(commands[..<250]))
            try await storage.close()
        }
        let storage = try await backend.reopen(in: directory)
        let end = try #require(try await JournalReader(storage: storage).end())
        #expect(end.sequence == 250)
        let writer = JournalWriter(storage: storage, after: end.sequence, checksum: end.checksum)
        #expect(try await writer.append(Array(commands[250...])) == 251...600)
        var read: [Command] = []
        _ = try await JournalReader(storage: storage).read { _, command in read.append(command) }
        #expect(read == commands)
        try await storage.close()
    }

    @Test("a writer started from a wrong checksum is caught when reading", arguments: StorageBackend.available)
    func wrongContinuation(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let storage = try await backend.makeEmpty(in: directory)
        let commands = OrderFlow.commands(count: 40, seed: 5)
        _ = try await JournalWriter(storage: storage, after: 0, checksum: 0).append(Array(commands[..<20]))
        _ = try await JournalWriter(storage: storage, after: 20, checksum: 12345).append(Array(commands[20...]))
        var read = 0
        await #expect(throws: JournalCorruption.self) {
            _ = try await JournalReader(storage: storage).read { _, _ in read += 1 }
        }
        #expect(read == 20, "the first twenty entries are intact and read")
        try await storage.close()
    }

    @Test("a second batch with the same first sequence is refused, and the writer stops", arguments: StorageBackend.available)
    func duplicateBatch(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let storage = try await backend.makeEmpty(in: directory)
        let commands = OrderFlow.commands(count: 10, seed: 6)
        _ = try await JournalWriter(storage: storage, after: 0, checksum: 0).append(commands)
        let stale = JournalWriter(storage: storage, after: 5, checksum: 0)
        await #expect(throws: JournalWriteFailure.self) { _ = try await stale.append(commands) }
        #expect(throws: JournalWriteFailure.self) { try stale.enqueue(commands[0]) }
        try await storage.close()
    }

    @Test("snapshots are kept by sequence, newest first", arguments: StorageBackend.available)
    func snapshots(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let storage = try await backend.makeEmpty(in: directory)
        for sequence: UInt64 in [100, 300, 200] {
            try await storage.save(StoredSnapshot(
                sequence: sequence, entryChecksum: UInt32(sequence), stateHash: "h\(sequence)", state: [1, 2, UInt8(sequence % 256)]))
        }
        #expect(try await storage.snapshotSequences() == [300, 200, 100])
        let snapshot = try #require(try await storage.snapshot(at: 200))
        #expect(snapshot.stateHash == "h200")
        #expect(snapshot.state == [1, 2, 200])
        #expect(snapshot.checksum == StoredSnapshot.checksum([1, 2, 200]))
        #expect(try await storage.snapshot(at: 150) == nil)
        try await storage.close()
    }
}

@Suite("Journal locations")
struct JournalLocationTests {
    @Test("a location names SQLite or PostgreSQL", arguments: [
        ("a file", "venue.sqlite", JournalLocation.sqlite(path: "venue.sqlite")),
        ("a postgres URL", "postgres://u@h/d", JournalLocation.postgres(url: "postgres://u@h/d")),
        ("a postgresql URL", "postgresql://u@h:5433/d", JournalLocation.postgres(url: "postgresql://u@h:5433/d")),
    ])
    func parsing(name: String, text: String, expected: JournalLocation) {
        #expect(JournalLocation(text) == expected, "\(name)")
    }

    @Test("a URL without a user or a host is refused before connecting", arguments: ["postgres://127.0.0.1/x", "postgres:///x"])
    func badURL(url: String) async {
        do {
            _ = try await PostgresJournalStorage(url: url)
            Issue.record("accepted \(url)")
        } catch let error as PostgresURLError {
            #expect(error.url == url)
            #expect(error.description.hasSuffix("expected postgres://user:password@host:port/database"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("a database that does not exist is reported with the server's reason",
          .enabled(if: StorageBackend.postgresURL != nil))
    func missingDatabase() async throws {
        let url = StorageBackend.url(database: "no_such_journal")
        do {
            _ = try await PostgresJournalStorage(url: url)
            Issue.record("connected to a database that does not exist")
        } catch let error as PostgresConnectionError {
            #expect(error.description == "cannot connect to \(url): database \"no_such_journal\" does not exist")
        }
    }
}
