import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation
import Testing

@Suite("Snapshots")
struct SnapshotTests {
    @Test("a restored engine goes on exactly as the original: the same events and the same hash", arguments: [500, 1_500, 3_000])
    func restoredEngineContinues(at split: Int) throws {
        let commands = try ExampleCommands.load("liquidation-cascade.jsonl") + OrderFlow.commands(count: 4_000, seed: 31)
        var original = Engine()
        for command in commands[..<split] { _ = original.apply(command) }
        var restored = try EngineSnapshot.decode(EngineSnapshot.encode(original))
        #expect(restored.stateHash == original.stateHash)
        for command in commands[split...] {
            #expect(restored.apply(command) == original.apply(command))
        }
        #expect(restored.stateHash == original.stateHash)
    }

    /// A journal of 3,000 commands with snapshots stored at entries 1,000 and 2,000.
    static func journal(in directory: TemporaryDirectory, backend: StorageBackend) async throws -> (any JournalStorage, String) {
        let storage = try await backend.makeEmpty(in: directory)
        let writer = JournalWriter(storage: storage, after: 0, checksum: 0)
        var engine = Engine()
        for (offset, command) in OrderFlow.commands(count: 3_000, seed: 32).enumerated() {
            try writer.enqueue(command)
            _ = engine.apply(command)
            if (offset + 1) % 1_000 == 0, offset + 1 < 3_000 {
                try await writer.waitUntilDurable(UInt64(offset + 1))
                try await storage.save(EngineSnapshot.make(engine, at: writer.lastQueued))
            }
        }
        try await writer.waitUntilDurable(3_000)
        return (storage, engine.stateHash)
    }

    @Test("recovery starts from the newest snapshot and replays only what follows", arguments: StorageBackend.available)
    func newestSnapshot(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let (storage, live) = try await Self.journal(in: directory, backend: backend)
        let recovered = try await Recovery.recover(from: storage)
        #expect(recovered.snapshot == 2_000)
        #expect(recovered.replayed == 1_000)
        #expect(recovered.engine.stateHash == live)
        let early = try await Recovery.recover(from: storage, until: 1_500)
        #expect(early.snapshot == 1_000)
        #expect(early.position.sequence == 1_500)
        try await storage.close()
    }

    @Test("a damaged snapshot is skipped, reported, and an older one used", arguments: StorageBackend.available)
    func damagedSnapshot(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let (storage, live) = try await Self.journal(in: directory, backend: backend)
        var newest = try #require(try await storage.snapshot(at: 2_000))
        newest.state[newest.state.count / 2] ^= 1
        try await storage.save(newest)
        let recovered = try await Recovery.recover(from: storage)
        #expect(recovered.snapshot == 1_000)
        #expect(recovered.skippedSnapshots == ["snapshot at entry 2000: its bytes do not match their checksum"])
        #expect(recovered.engine.stateHash == live)

        // Bytes that match their checksum but not the recorded state hash are caught too.
        var forged = try #require(try await storage.snapshot(at: 1_000))
        forged = StoredSnapshot(sequence: 1_000, entryChecksum: forged.entryChecksum, stateHash: String(repeating: "0", count: 64), state: forged.state)
        try await storage.save(forged)
        let fromScratch = try await Recovery.recover(from: storage)
        #expect(fromScratch.snapshot == nil)
        #expect(fromScratch.skippedSnapshots.count == 2)
        #expect(fromScratch.engine.stateHash == live)
        try await storage.close()
    }

    @Test("a snapshot whose entry checksum disagrees with the journal is refused", arguments: StorageBackend.available)
    func foreignSnapshot(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let (storage, _) = try await Self.journal(in: directory, backend: backend)
        let newest = try #require(try await storage.snapshot(at: 2_000))
        try await storage.save(StoredSnapshot(
            sequence: 2_000, entryChecksum: newest.entryChecksum ^ 1, stateHash: newest.stateHash, state: newest.state))
        await #expect(throws: JournalCorruption.self) { _ = try await Recovery.recover(from: storage) }
        try await storage.close()
    }

    @Test("a snapshot beyond the journal's end means entries were lost, and says so", arguments: StorageBackend.available)
    func snapshotBeyondEnd(backend: StorageBackend) async throws {
        let directory = try TemporaryDirectory()
        let (storage, _) = try await Self.journal(in: directory, backend: backend)
        let newest = try #require(try await storage.snapshot(at: 2_000))
        try await storage.save(StoredSnapshot(
            sequence: 5_000, entryChecksum: newest.entryChecksum, stateHash: newest.stateHash, state: newest.state))
        do {
            _ = try await Recovery.recover(from: storage)
            Issue.record("recovery accepted a journal shorter than its snapshot")
        } catch let corruption as JournalCorruption {
            #expect(corruption.sequence == 3_001)
            #expect(corruption.description.contains("acknowledged entries are missing"))
        }
        try await storage.close()
    }
}
