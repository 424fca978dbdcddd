/// Appends numbers (little-endian, fixed width) and length-prefixed strings to a byte buffer.
struct ByteWriter {
    var bytes: [UInt8]

    init(into bytes: [UInt8] = []) { self.bytes = bytes }

    mutating func write(_ byte: UInt8) { bytes.append(byte) }

    mutating func write(_ number: UInt32) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ number: Int64) { write(UInt64(bitPattern: number)) }

    mutating func write(_ flag: Bool) { write(flag ? 1 as UInt8 : 0) }

    /// A string as a 32-bit byte count and its UTF-8 bytes.
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Raw bytes as a 32-bit byte count and the bytes.
    mutating func write(block: some Collection<UInt8>) {
        write(UInt32(block.count))
        bytes.append(contentsOf: block)
    }
}
