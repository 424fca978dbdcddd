import BackstopEngine
import BackstopJournal
import Testing

@Suite("Entry batches")
struct EntryBatchTests {
    /// Eight commands of a generated flow as entries 5 to 12, chained after a checksum of 77.
    static func batch() -> (batch: EntryBatch, entries: [JournalEntry]) {
        var previous: UInt32 = 77
        let entries = OrderFlow.commands(count: 30, seed: 3).suffix(8).enumerated().map { offset, command in
            let entry = JournalEntry(sequence: UInt64(5 + offset), payload: CommandCodec.encode(command), previous: previous)
            previous = entry.checksum
            return entry
        }
        return (EntryBatch(entries: entries, previous: 77), entries)
    }

    @Test("an intact batch gives back its entries and the last checksum")
    func intact() throws {
        let (batch, entries) = Self.batch()
        var read: [UInt64] = []
        let last = try batch.forEachEntry(previous: 77) { sequence, payload, checksum in
            read.append(sequence)
            #expect(Array(payload) == entries[Int(sequence) - 5].payload)
            #expect(checksum == entries[Int(sequence) - 5].checksum)
        }
        #expect(read == Array(5...12))
        #expect(last == entries.last?.checksum)
        #expect(batch.previousChecksum == 77)
    }

    @Test("every single flipped byte is detected, at the entry it is in or before it")
    func everyFlippedByte() {
        let (batch, _) = Self.batch()
        for index in batch.bytes.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = batch
                damaged.bytes[index] ^= mask
                do {
                    _ = try damaged.forEachEntry(previous: 77) { _, _, _ in }
                    Issue.record("byte \(index) flipped by \(mask) went unnoticed")
                } catch let corruption as JournalCorruption {
                    #expect((5...12).contains(corruption.sequence))
                } catch {
                    Issue.record("byte \(index): \(error)")
                }
            }
        }
    }

    @Test("a batch cut at any length is reported as torn or mismatched, never read as shorter")
    func everyTruncation() {
        let (batch, _) = Self.batch()
        for length in 0..<batch.bytes.count {
            var cut = batch
            cut.bytes = Array(batch.bytes.prefix(length))
            var passed = 0
            #expect(throws: JournalCorruption.self, "cut at \(length)") {
                _ = try cut.forEachEntry(previous: 77) { _, _, _ in passed += 1 }
            }
            #expect(passed < 8)
        }
    }

    @Test("the reader's chain must match the batch's record of it")
    func brokenLink() {
        let (batch, _) = Self.batch()
        #expect(throws: JournalCorruption(sequence: 5, .checksumMismatch(stored: 77, computed: 78))) {
            _ = try batch.forEachEntry(previous: 78) { _, _, _ in }
        }
    }

    @Test("a torn entry names its sequence number and the bytes missing")
    func tornMessage() {
        let (batch, entries) = Self.batch()
        var cut = batch
        cut.bytes.removeLast(3)
        do {
            _ = try cut.forEachEntry(previous: 77) { _, _, _ in }
            Issue.record("a torn batch was read")
        } catch let corruption as JournalCorruption {
            #expect(corruption == JournalCorruption(sequence: 12, .truncated(needed: 4, available: 1)))
            #expect(corruption.description == "journal entry 12: torn entry: 4 bytes needed, 1 present")
            #expect(entries.count == 8)
        } catch {
            Issue.record("\(error)")
        }
    }
}
