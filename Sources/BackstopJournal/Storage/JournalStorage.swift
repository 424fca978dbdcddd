/// Where a journal's batches and snapshots live: a SQLite file or a PostgreSQL database.
///
/// A backend stores what it is given and returns it unchanged; it never interprets entries.
/// ``JournalWriter`` and ``JournalReader`` check sequence numbers and checksums, so every backend
/// has the same semantics and passes the same tests.
public protocol JournalStorage: Sendable {
    /// Stores a batch durably in one transaction: when this returns, the batch survives a crash of
    /// the process and of the machine.
    ///
    /// - Throws: ``JournalAppendConflict`` unless the batch starts right after the last entry stored
    ///   (at 1 in an empty journal): a second writer, or one that started from a stale end, can
    ///   neither overwrite nor leave a gap.
    func append(_ batch: EntryBatch) async throws

    /// Up to `limit` batches holding sequence numbers from `sequence` on, in order.
    func batches(from sequence: UInt64, limit: Int) async throws -> [EntryBatch]

    /// The batch holding the highest sequence number, if any.
    func lastBatch() async throws -> EntryBatch?

    /// Stores a snapshot durably, replacing one at the same sequence number.
    func save(_ snapshot: StoredSnapshot) async throws

    /// The sequence numbers that have snapshots, highest first.
    func snapshotSequences() async throws -> [UInt64]

    /// The snapshot taken after `sequence`, if stored.
    func snapshot(at sequence: UInt64) async throws -> StoredSnapshot?

    /// Releases the connection.
    func close() async throws
}

/// The engine's state after a given journal entry, as stored.
public struct StoredSnapshot: Hashable, Sendable {
    /// The last entry applied before the snapshot was taken.
    public var sequence: UInt64
    /// The chain checksum of that entry, so that reading can go on from it.
    public var entryChecksum: UInt32
    /// The engine's ``BackstopEngine/Engine/stateHash`` at that point.
    public var stateHash: String
    /// The encoded state.
    public var state: [UInt8]
    /// CRC-32C of `state`.
    public var checksum: UInt32

    /// Wraps a state, computing its checksum.
    public init(sequence: UInt64, entryChecksum: UInt32, stateHash: String, state: [UInt8]) {
        self.init(sequence: sequence, entryChecksum: entryChecksum, stateHash: stateHash, state: state,
                  checksum: Self.checksum(state))
    }

    /// Wraps stored fields as they are.
    public init(sequence: UInt64, entryChecksum: UInt32, stateHash: String, state: [UInt8], checksum: UInt32) {
        self.sequence = sequence
        self.entryChecksum = entryChecksum
        self.stateHash = stateHash
        self.state = state
        self.checksum = checksum
    }

    /// CRC-32C of a state's bytes.
    public static func checksum(_ state: [UInt8]) -> UInt32 {
        var crc = CRC32C()
        crc.update(state)
        return crc.value
    }
}

/// A batch that does not continue the journal: another writer got there first, or the writer
/// started from a stale end.
public struct JournalAppendConflict: Error, Equatable, Sendable, CustomStringConvertible {
    /// The first sequence number of the refused batch.
    public var batchStart: UInt64
    /// The last sequence number stored (0 for an empty journal).
    public var storedEnd: UInt64

    /// Creates a report.
    public init(batchStart: UInt64, storedEnd: UInt64) {
        self.batchStart = batchStart
        self.storedEnd = storedEnd
    }

    public var description: String {
        "a batch starting at entry \(batchStart) does not follow the journal's last entry \(storedEnd)"
    }
}
