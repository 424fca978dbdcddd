/// CRC-32C (Castagnoli), the checksum of iSCSI, ext4 and LevelDB's log: it detects every burst
/// error up to 32 bits and flipped bytes with near certainty. It guards against damage, not against
/// tampering.
public struct CRC32C: Sendable {
    /// The running value, finalized.
    public private(set) var value: UInt32 = 0

    /// Starts a checksum, optionally continuing from an earlier one (so checksums can be chained).
    public init(continuing previous: UInt32 = 0) { value = previous }

    /// Adds bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = ~value
        for byte in bytes {
            crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        value = ~crc
    }

    /// Adds a 64-bit number, little-endian.
    public mutating func update(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { update($0) }
    }

    /// The reflected polynomial 0x82F63B78, one entry per byte value.
    private static let table: [UInt32] = (0..<256).map { index in
        var entry = UInt32(index)
        for _ in 0..<8 {
            entry = entry & 1 == 1 ? (entry >> 1) ^ 0x82F6_3B78 : entry >> 1
        }
        return entry
    }
}
