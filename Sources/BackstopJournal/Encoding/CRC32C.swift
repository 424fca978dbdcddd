/// CRC-32C (Castagnoli), the checksum of iSCSI, ext4 and LevelDB's log: it detects every burst
/// error up to 32 bits and flipped bytes with near certainty. It guards against damage, not against
/// tampering.
public struct CRC32C: Sendable {
    /// The running value, finalized.
    public private(set) var value: UInt32 = 0

    /// Starts a checksum, optionally continuing from an earlier one (so checksums can be chained).
    public init(continuing previous: UInt32 = 0) { value = previous }

    /// Adds bytes.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// Adds a 64-bit number, little-endian.
    public mutating func update(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { update($0) }
    }

    /// Adds bytes eight at a time ("slicing by 8"), then one at a time.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = ~value
        var offset = 0
        Self.tables.withUnsafeBufferPointer { table in
            while offset + 8 <= bytes.count {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ UInt64(crc)
                crc = table[7 * 256 + Int(word & 0xFF)] ^ table[6 * 256 + Int(word >> 8 & 0xFF)]
                    ^ table[5 * 256 + Int(word >> 16 & 0xFF)] ^ table[4 * 256 + Int(word >> 24 & 0xFF)]
                    ^ table[3 * 256 + Int(word >> 32 & 0xFF)] ^ table[2 * 256 + Int(word >> 40 & 0xFF)]
                    ^ table[256 + Int(word >> 48 & 0xFF)] ^ table[Int(word >> 56)]
                offset += 8
            }
            while offset < bytes.count {
                crc = table[Int((crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
        }
        value = ~crc
    }

    /// Eight tables of 256 entries for the reflected polynomial 0x82F63B78: the first is the classic
    /// byte table, table k advances a byte through k more zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var entry = UInt32(index)
            for _ in 0..<8 {
                entry = entry & 1 == 1 ? (entry >> 1) ^ 0x82F6_3B78 : entry >> 1
            }
            tables[index] = entry
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()
}
