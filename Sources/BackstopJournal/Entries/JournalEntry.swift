/// One command in the journal: its sequence number, its bytes (``CommandCodec``) and a checksum
/// chained through every entry before it.
///
/// The checksum is CRC-32C over the previous entry's checksum, the sequence number and the payload,
/// so a flipped byte, a lost entry, a reordering or an entry from another journal all break the
/// chain at the first entry affected.
public struct JournalEntry: Hashable, Sendable {
    /// 1 for the first command, then one more for each.
    public var sequence: UInt64
    /// The command, encoded.
    public var payload: [UInt8]
    /// The chained checksum.
    public var checksum: UInt32

    /// Creates an entry whose checksum continues the chain from `previous` (0 before the first entry).
    public init(sequence: UInt64, payload: [UInt8], previous: UInt32) {
        self.sequence = sequence
        self.payload = payload
        checksum = Self.checksum(sequence: sequence, payload: payload[...], previous: previous)
    }

    /// The checksum an entry with these contents must carry after one whose checksum is `previous`.
    public static func checksum(sequence: UInt64, payload: ArraySlice<UInt8>, previous: UInt32) -> UInt32 {
        var crc = CRC32C(continuing: previous)
        crc.update(sequence)
        crc.update(UInt64(payload.count))
        crc.update(payload)
        return crc.value
    }
}
