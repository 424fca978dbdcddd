/// Reads what ``ByteWriter`` wrote, refusing to read past the end.
struct ByteReader {
    /// Why bytes could not be read.
    enum Failure: Error, Equatable {
        /// `needed` bytes were wanted at `offset`, but only `available` were left.
        case truncated(offset: Int, needed: Int, available: Int)
        /// A string's bytes were not UTF-8.
        case notUTF8(offset: Int)
    }

    let bytes: ArraySlice<UInt8>
    private(set) var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.endIndex - offset }

    /// The position relative to the start of the slice.
    var position: Int { offset - bytes.startIndex }

    private mutating func take(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw .truncated(offset: position, needed: count, available: remaining)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func readByte() throws(Failure) -> UInt8 { try take(1).first! }

    mutating func readUInt32() throws(Failure) -> UInt32 {
        UInt32(littleEndian: try take(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
    }

    mutating func readUInt64() throws(Failure) -> UInt64 {
        UInt64(littleEndian: try take(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
    }

    mutating func readInt64() throws(Failure) -> Int64 { Int64(bitPattern: try readUInt64()) }

    mutating func readBool() throws(Failure) -> Bool { try readByte() != 0 }

    mutating func readString() throws(Failure) -> String {
        let start = position
        let count = Int(try readUInt32())
        guard let text = String(validating: try take(count), as: UTF8.self) else { throw .notUTF8(offset: start) }
        return text
    }

    mutating func readBlock() throws(Failure) -> ArraySlice<UInt8> {
        try take(Int(try readUInt32()))
    }
}
