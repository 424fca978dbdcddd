import BackstopEngine

/// Reads a journal's commands in order, checking every entry's sequence number and checksum.
public struct JournalReader: Sendable {
    /// A place in the journal: an entry and its chain checksum.
    public struct Position: Hashable, Sendable {
        /// The entry (0 before the first).
        public var sequence: UInt64
        /// Its chain checksum (0 before the first entry).
        public var checksum: UInt32

        /// Before the first entry.
        public static let start = Position(sequence: 0, checksum: 0)

        /// Creates a position.
        public init(sequence: UInt64, checksum: UInt32) {
            self.sequence = sequence
            self.checksum = checksum
        }
    }

    private let storage: any JournalStorage
    private let batchesPerRead: Int

    /// Reads from `storage`, fetching `batchesPerRead` batches at a time.
    public init(storage: any JournalStorage, batchesPerRead: Int = 16) {
        self.storage = storage
        self.batchesPerRead = batchesPerRead
    }

    /// Passes every command after `start` (up to `until`, when given) to `body`, in order.
    ///
    /// The chain is checked from `start`'s checksum, so reading on from a snapshot proves that the
    /// entries after it follow the entry it was taken at. Entries before `start` in the first batch
    /// read are verified but not passed on.
    ///
    /// - Returns: the last entry passed on (`start` when none).
    /// - Throws: ``JournalCorruption`` at the first damaged or missing entry, before passing it on.
    public func read(
        after start: Position = .start, until: UInt64? = nil,
        _ body: (_ sequence: UInt64, _ command: Command) throws -> Void
    ) async throws -> Position {
        var position = start
        var expectedFirst: UInt64?
        while until.map({ position.sequence < $0 }) ?? true {
            let batches = try await storage.batches(from: position.sequence + 1, limit: batchesPerRead)
            guard !batches.isEmpty else { break }
            for batch in batches {
                let next = expectedFirst ?? position.sequence + 1
                if expectedFirst != nil ? batch.firstSequence != next : batch.firstSequence > next {
                    throw JournalCorruption(sequence: next, .sequenceOutOfOrder(found: batch.firstSequence))
                }
                let anchor = position
                _ = try batch.forEachEntry(previous: batch.firstSequence == anchor.sequence + 1 ? anchor.checksum : nil) {
                    sequence, payload, checksum in
                    if sequence == anchor.sequence, checksum != anchor.checksum {
                        throw JournalCorruption(sequence: sequence, .checksumMismatch(stored: checksum, computed: anchor.checksum))
                    }
                    guard sequence > anchor.sequence, until.map({ sequence <= $0 }) ?? true else { return }
                    let command: Command
                    do {
                        command = try CommandCodec.decode(payload)
                    } catch {
                        throw JournalCorruption(sequence: sequence, .undecodable("\(error)"))
                    }
                    try body(sequence, command)
                    position = Position(sequence: sequence, checksum: checksum)
                }
                expectedFirst = batch.lastSequence + 1
                if let until, position.sequence >= until { return position }
            }
        }
        return position
    }

    /// The last entry stored, with its checksum as stored (not verified), or `nil` for an empty journal.
    public func end() async throws -> Position? {
        guard let batch = try await storage.lastBatch() else { return nil }
        var last: Position?
        _ = try batch.forEachEntry(previous: nil) { sequence, _, checksum in
            last = Position(sequence: sequence, checksum: checksum)
        }
        return last
    }
}
