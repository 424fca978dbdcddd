import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation
import Testing

/// A venue's commands, snapshotted after the first `split` and continued with the rest.
struct SnapshotVenue: Sendable, CustomTestStringConvertible {
    let name: String
    let commands: @Sendable () throws -> [Command]
    let split: Int

    var testDescription: String { name }

    static let all = [
        SnapshotVenue(name: "the examples: a quickstart, then a liquidation cascade", commands: { try ExampleCommands.all }, split: 30),
        SnapshotVenue(
            name: "a liquidation cascade, snapshotted mid-cascade, then order flow",
            commands: { try ExampleCommands.load("liquidation-cascade.jsonl") + OrderFlow.commands(count: 2_000, seed: 30) },
            split: 25),
        SnapshotVenue(
            name: "a liquidation cascade and order flow, snapshotted early",
            commands: { try ExampleCommands.load("liquidation-cascade.jsonl") + OrderFlow.commands(count: 4_000, seed: 31) },
            split: 500),
        SnapshotVenue(
            name: "a liquidation cascade and order flow, snapshotted late",
            commands: { try ExampleCommands.load("liquidation-cascade.jsonl") + OrderFlow.commands(count: 4_000, seed: 31) },
            split: 3_000),
        SnapshotVenue(name: "an order flow alone", commands: { OrderFlow.commands(count: 3_000, seed: 33) }, split: 1_500),
    ]
}

@Suite("Snapshots")
struct SnapshotTests {
    @Test("a restored engine goes on exactly as the original: the same events and the same hash", arguments: SnapshotVenue.all)
    func restoredEngineContinues(_ venue: SnapshotVenue) throws {
        let commands = try venue.commands()
        var original = Engine()
        for command in commands[..<venue.split] { _ = original.apply(command) }
        let bytes = try EngineSnapshot.encode(original)
        var restored = try EngineSnapshot.decode(bytes)
        #expect(restored.stateHash == original.stateHash)
        #expect(try EngineSnapshot.encode(restored) == bytes, "the restored engine gives the same bytes")
        #expect(try EngineSnapshot.encode(original) == bytes, "the same engine gives the same bytes")
        for command in commands[venue.split...] {
            #expect(restored.apply(command) == original.apply(command))
        }
        #expect(restored.stateHash == original.stateHash)
    }

    @Test("the liquidation cascade's snapshot holds liquidations under way")
    func cascadeIsLiquidating() throws {
        var engine = Engine()
        var events: [Event] = []
        for command in try ExampleCommands.load("liquidation-cascade.jsonl") { events += engine.apply(command) }
        #expect(events.contains { if case .liquidationStarted = $0 { true } else { false } })
        #expect(!engine.deleveragingRequests.isEmpty)
        let restored = try EngineSnapshot.decode(EngineSnapshot.encode(engine))
        #expect(restored.deleveragingRequests == engine.deleveragingRequests)
    }

    @Test("a snapshot taken as JSON, before snapshots were binary, is still read")
    func jsonSnapshot() throws {
        var engine = Engine()
        for command in try ExampleCommands.all { _ = engine.apply(command) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = Array(try encoder.encode(engine))
        #expect(try EngineSnapshot.decode(json).stateHash == engine.stateHash)
        #expect(try EngineSnapshot.encode(engine).count < json.count)
    }

    @Test("damaged snapshot bytes make decoding throw or return, never trap")
    func damagedBytes() throws {
        var engine = Engine()
        for command in try ExampleCommands.load("liquidation-cascade.jsonl") + OrderFlow.commands(count: 600, seed: 34) {
            _ = engine.apply(command)
        }
        let bytes = try EngineSnapshot.encode(engine)
        var random = SplitMix64(seed: 35)
        var thrown = 0
        var attempts = 0
        func attempt(_ damaged: [UInt8]) {
            attempts += 1
            do { _ = try EngineSnapshot.decode(damaged) } catch { thrown += 1 }
        }
        for _ in 0..<2_000 {
            var flipped = bytes
            flipped[Int(random.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: random.next() % 255 + 1)
            attempt(flipped)
        }
        for _ in 0..<500 {
            var scrambled = bytes
            let start = Int(random.next() % UInt64(bytes.count - 8))
            for index in start..<start + 8 { scrambled[index] = UInt8(truncatingIfNeeded: random.next()) }
            attempt(scrambled)
        }
        for _ in 0..<500 {
            attempt(Array(bytes.prefix(Int(random.next() % UInt64(bytes.count)))))
        }
        #expect(attempts == 3_000)
        #expect(thrown > attempts / 2, "most damage is caught by the decoder itself: \(thrown) of \(attempts)")
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
