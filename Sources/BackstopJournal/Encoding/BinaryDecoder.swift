/// Decodes `Decodable` values from the bytes ``BinaryEncoder`` writes.
///
/// Damaged bytes never trap: a value cut short, of another type than the one asked for, missing,
/// or out of range for its type throws a `DecodingError` that names the value by its coding path.
/// Keyed containers are normally read in the order they were written; a key asked for out of
/// order is found by a scan of its container, whose entries say how long they are.
public struct BinaryDecoder {
    /// Creates a decoder.
    public init() {}

    /// The value of type `type` that `bytes` hold.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let (keys, keysStart) = try Self.keyTable(bytes)
        let decoding = BinaryDecoding(bytes: bytes, keys: keys, codingPath: [])
        let rootEnd: Int
        do throws(BinaryMalformation) {
            rootEnd = try decoding.skipValue(at: 1, limit: keysStart)
        } catch {
            throw error.decodingError(type, [])
        }
        guard rootEnd == keysStart else {
            throw Self.corrupted("\(keysStart - rootEnd) bytes between the value and its keys")
        }
        return try decoding.decode(T.self, at: 1, limit: keysStart)
    }

    /// The string keys, read from the end of the document, and where they begin.
    private static func keyTable(_ bytes: [UInt8]) throws -> ([String], Int) {
        guard bytes.count >= 10, bytes[0] == BinaryFormat.version else {
            throw corrupted(bytes.isEmpty ? "no bytes" : "not a binary document of version \(BinaryFormat.version)")
        }
        let trailer = bytes.count - 8
        let offset = bytes[trailer...].withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard offset >= 2, offset <= UInt64(trailer) else {
            throw corrupted("the key table's offset \(offset) is outside the document")
        }
        let start = Int(offset)
        let reader = BinaryDecoding(bytes: bytes, keys: [], codingPath: [])
        do throws(BinaryMalformation) {
            var position = start
            let count = try reader.readVarint(at: &position, limit: trailer)
            guard count <= UInt64(trailer - position) else { throw .truncated }
            var keys: [String] = []
            keys.reserveCapacity(Int(count))
            for _ in 0..<count {
                keys.append(try reader.readText(at: &position, limit: trailer))
            }
            guard position == trailer else { throw .excess }
            return (keys, start)
        } catch {
            throw corrupted("the key table is damaged: \(error)")
        }
    }

    private static func corrupted(_ description: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: description))
    }
}
