/// Decodes `Decodable` values from the bytes ``BinaryEncoder`` writes.
///
/// Damaged bytes never trap: a value cut short, of another type than the one asked for, missing,
/// or out of range for its type throws a `DecodingError` that names the value by its coding path.
/// Keyed containers are normally read in the order they were written; a key asked for out of
/// order is found by a scan of its container, whose entries say how long they are.
public struct BinaryDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// The value of type `type` that `bytes` hold.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let (strings, stringsStart) = try Self.stringTable(bytes)
        let decoding = BinaryDecoding(bytes: bytes, strings: strings, codingPath: [])
        let rootEnd: Int
        do throws(BinaryMalformation) {
            rootEnd = try decoding.skipValue(at: 1, limit: stringsStart)
        } catch {
            throw error.decodingError(type, [])
        }
        guard rootEnd == stringsStart else {
            throw Self.corrupted("\(stringsStart - rootEnd) bytes between the value and its strings")
        }
        return try decoding.decode(T.self, at: 1, limit: stringsStart)
    }

    /// The string table, found from the end of the document, and where it begins.
    private static func stringTable(_ bytes: [UInt8]) throws -> ([String], Int) {
        guard bytes.count >= 10, bytes[0] == BinaryFormat.version else {
            throw corrupted(bytes.isEmpty ? "no bytes" : "not a binary document of version \(BinaryFormat.version)")
        }
        let trailer = bytes.count - 8
        let offset = bytes[trailer...].withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard offset >= 2, offset <= UInt64(trailer) else {
            throw corrupted("the string table's offset \(offset) is outside the document")
        }
        let start = Int(offset)
        let reader = BinaryDecoding(bytes: bytes, strings: [], codingPath: [])
        do throws(BinaryMalformation) {
            var position = start
            let count = try reader.readVarint(at: &position, limit: trailer)
            guard count <= UInt64(trailer - position) else { throw .truncated }
            var strings: [String] = []
            strings.reserveCapacity(Int(count))
            for _ in 0..<count {
                strings.append(try reader.readText(at: &position, limit: trailer))
            }
            guard position == trailer else { throw .excess }
            return (strings, start)
        } catch {
            throw corrupted("the string table is damaged: \(error)")
        }
    }

    private static func corrupted(_ description: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: description))
    }
}
