/// Reads the one value of a single-value container.
struct BinarySingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoding: BinaryDecoding
    /// Where the value begins.
    let position: Int
    /// Where the container holding it ends.
    let limit: Int

    /// The decoder's, whose value this is.
    var codingPath: [any CodingKey] { decoding.codingPath }

    func decodeNil() -> Bool { position < limit && decoding.bytes[position] == BinaryFormat.Tag.null }

    func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
    func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
    func decode(_ type: Int128.Type) throws -> Int128 { try decodeValue(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try decodeValue(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    /// Floating-point numbers are never written, so none can be read.
    func decode(_ type: Double.Type) throws -> Double { throw floatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { throw floatingPoint(type) }

    private func floatingPoint(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, DecodingError.Context(
            codingPath: codingPath, debugDescription: "floating-point numbers are not written: amounts are fixed-point"))
    }

    private func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        try decoding.decode(type, at: position, limit: limit)
    }
}
