import BackstopEngine

/// A venue rebuilt from its journal.
public struct RecoveredVenue: Sendable {
    /// The engine after the last entry read.
    public var engine: Engine
    /// The last entry applied and its checksum: where a writer continues.
    public var position: JournalReader.Position
    /// The snapshot recovery started from, if any.
    public var snapshot: UInt64?
    /// Snapshots passed over because they were damaged, newest first, with the reason.
    public var skippedSnapshots: [String] = []
    /// Entries applied by replay, after the snapshot.
    public var replayed: Int
    /// Of those, how many the engine rejected (they changed nothing, as when they were first applied).
    public var rejected: Int
}

/// Rebuilds a venue's engine from its journal: the newest sound snapshot, then the entries after it.
public enum Recovery {
    /// Loads the newest snapshot at or before `until` whose bytes match their checksum and whose state
    /// matches its recorded hash (a damaged one is skipped and reported, and an older one tried), then
    /// replays the entries after it, checking that they follow the snapshot's entry.
    ///
    /// - Parameters:
    ///   - useSnapshots: false to replay every entry from the first.
    ///   - observe: sees each replayed command with the events it gave, in order.
    /// - Throws: ``JournalCorruption`` at the first damaged or missing entry; nothing after it is
    ///   applied. A journal that ends before a snapshot's entry has lost entries, and is reported so.
    public static func recover(
        from storage: any JournalStorage, until: UInt64? = nil, useSnapshots: Bool = true,
        observe: (_ sequence: UInt64, _ command: Command, _ events: [Event]) throws -> Void = { _, _, _ in }
    ) async throws -> RecoveredVenue {
        let reader = JournalReader(storage: storage)
        var engine = Engine()
        var start = JournalReader.Position.start
        var used: UInt64?
        var skipped: [String] = []
        if useSnapshots {
            let end = try await reader.end()?.sequence ?? 0
            for sequence in try await storage.snapshotSequences() where until.map({ sequence <= $0 }) ?? true {
                guard let stored = try await storage.snapshot(at: sequence) else { continue }
                guard sequence <= end else {
                    throw JournalCorruption(sequence: end + 1, .badSnapshot(
                        "the journal ends at entry \(end) but a snapshot was taken at entry \(sequence): acknowledged entries are missing"))
                }
                switch restore(stored) {
                case .success(let restored):
                    engine = restored
                    start = JournalReader.Position(sequence: stored.sequence, checksum: stored.entryChecksum)
                    used = sequence
                case .failure(let reason):
                    skipped.append("snapshot at entry \(sequence): \(reason)")
                    continue
                }
                break
            }
        }
        var replayed = 0
        var rejected = 0
        let position = try await reader.read(after: start, until: until) { sequence, command in
            let events = engine.apply(command)
            replayed += 1
            if case .rejected = events.first { rejected += 1 }
            try observe(sequence, command, events)
        }
        return RecoveredVenue(
            engine: engine, position: position, snapshot: used, skippedSnapshots: skipped, replayed: replayed,
            rejected: rejected)
    }

    private struct SnapshotProblem: Error, CustomStringConvertible {
        var description: String
    }

    private static func restore(_ stored: StoredSnapshot) -> Result<Engine, SnapshotProblem> {
        guard StoredSnapshot.checksum(stored.state) == stored.checksum else {
            return .failure(SnapshotProblem(description: "its bytes do not match their checksum"))
        }
        guard let engine = try? EngineSnapshot.decode(stored.state) else {
            return .failure(SnapshotProblem(description: "its bytes are not an engine state"))
        }
        guard engine.stateHash == stored.stateHash else {
            return .failure(SnapshotProblem(description: "its state hash \(engine.stateHash) is not the recorded \(stored.stateHash)"))
        }
        return .success(engine)
    }
}
