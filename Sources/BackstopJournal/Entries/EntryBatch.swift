/// Entries committed together: the unit a storage backend writes in one transaction.
///
/// Layout: a version byte, the chain checksum before the first entry, the entry count, then each
/// entry as its sequence number, payload length, payload and checksum (all little-endian).
public struct EntryBatch: Hashable, Sendable {
    /// The only layout so far.
    public static let version: UInt8 = 1

    /// The sequence number of the first entry.
    public var firstSequence: UInt64
    /// The sequence number of the last entry.
    public var lastSequence: UInt64
    /// The encoded batch.
    public var bytes: [UInt8]

    /// Wraps stored bytes.
    public init(firstSequence: UInt64, lastSequence: UInt64, bytes: [UInt8]) {
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.bytes = bytes
    }

    /// Encodes consecutive entries whose chain starts from `previous`.
    public init(entries: [JournalEntry], previous: UInt32) {
        precondition(!entries.isEmpty, "a batch holds at least one entry")
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(9 + entries.reduce(0) { $0 + $1.payload.count + 16 })
        writer.write(Self.version)
        writer.write(previous)
        writer.write(UInt32(entries.count))
        for entry in entries {
            writer.write(entry.sequence)
            writer.write(block: entry.payload)
            writer.write(entry.checksum)
        }
        self.init(firstSequence: entries[0].sequence, lastSequence: entries[entries.count - 1].sequence, bytes: writer.bytes)
    }

    /// The chain checksum before the first entry, as the batch records it.
    public var previousChecksum: UInt32? {
        var reader = ByteReader(bytes[...])
        guard (try? reader.readByte()) == Self.version else { return nil }
        return try? reader.readUInt32()
    }

    /// Reads and verifies the entries, passing each to `body` in order with its checksum.
    ///
    /// - Parameter previous: the checksum of the entry before `firstSequence`, when the reader knows
    ///   it; the batch's own record of it is checked against it.
    /// - Returns: the checksum of the last entry.
    /// - Throws: ``JournalCorruption`` at the first entry that is damaged, or rethrows `body`'s error.
    public func forEachEntry(
        previous: UInt32?, _ body: (_ sequence: UInt64, _ payload: ArraySlice<UInt8>, _ checksum: UInt32) throws -> Void
    ) throws -> UInt32 {
        var reader = ByteReader(bytes[...])
        do {
            let version = try reader.readByte()
            guard version == Self.version else { throw JournalCorruption(sequence: firstSequence, .unknownVersion(version)) }
            let recorded = try reader.readUInt32()
            if let previous, previous != recorded {
                throw JournalCorruption(sequence: firstSequence, .checksumMismatch(stored: recorded, computed: previous))
            }
            let count = UInt64(try reader.readUInt32())
            guard count > 0, lastSequence >= firstSequence, count == lastSequence - firstSequence + 1 else {
                throw JournalCorruption(sequence: firstSequence, .batchMismatch(
                    "\(count) entries for sequences \(firstSequence) to \(lastSequence)"))
            }
            var chain = recorded
            var expected = firstSequence
            while expected <= lastSequence {
                let sequence: UInt64
                let payload: ArraySlice<UInt8>
                let stored: UInt32
                do {
                    sequence = try reader.readUInt64()
                    payload = try reader.readBlock()
                    stored = try reader.readUInt32()
                } catch .truncated(_, let needed, let available) {
                    throw JournalCorruption(sequence: expected, .truncated(needed: needed, available: available))
                }
                let computed = JournalEntry.checksum(sequence: sequence, payload: payload, previous: chain)
                guard computed == stored else {
                    throw JournalCorruption(sequence: expected, .checksumMismatch(stored: stored, computed: computed))
                }
                guard sequence == expected else { throw JournalCorruption(sequence: expected, .sequenceOutOfOrder(found: sequence)) }
                try body(sequence, payload, stored)
                chain = stored
                expected += 1
            }
            guard reader.remaining == 0 else {
                throw JournalCorruption(sequence: lastSequence, .batchMismatch("\(reader.remaining) bytes after the last entry"))
            }
            return chain
        } catch let failure as ByteReader.Failure {
            guard case .truncated(_, let needed, let available) = failure else {
                throw JournalCorruption(sequence: firstSequence, .batchMismatch("\(failure)"))
            }
            throw JournalCorruption(sequence: firstSequence, .truncated(needed: needed, available: available))
        }
    }
}
