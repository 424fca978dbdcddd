import BackstopEngine

/// A venue rebuilt from its journal.
public struct RecoveredVenue: Sendable {
    /// The engine after the last entry read.
    public var engine: Engine
    /// The last entry applied and its checksum: where a writer continues.
    public var position: JournalReader.Position
    /// Entries applied by replay.
    public var replayed: Int
    /// Of those, how many the engine rejected (they changed nothing, as when they were first applied).
    public var rejected: Int
}

/// Rebuilds a venue's engine from its journal.
public enum Recovery {
    /// Replays every command of the journal (up to `until`) through a new engine.
    ///
    /// - Parameter observe: sees each command with the events it gave, in order.
    /// - Throws: ``JournalCorruption`` at the first damaged entry; nothing after it is applied.
    public static func recover(
        from storage: any JournalStorage, until: UInt64? = nil,
        observe: (_ sequence: UInt64, _ command: Command, _ events: [Event]) throws -> Void = { _, _, _ in }
    ) async throws -> RecoveredVenue {
        var engine = Engine()
        var replayed = 0
        var rejected = 0
        let position = try await JournalReader(storage: storage).read(until: until) { sequence, command in
            let events = engine.apply(command)
            replayed += 1
            if case .rejected = events.first { rejected += 1 }
            try observe(sequence, command, events)
        }
        return RecoveredVenue(engine: engine, position: position, replayed: replayed, rejected: rejected)
    }
}
