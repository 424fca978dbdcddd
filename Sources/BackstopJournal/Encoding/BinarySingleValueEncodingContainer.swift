/// Writes the one value of a single-value container.
struct BinarySingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoding: BinaryEncoding
    /// Where the value begins: nothing may have been written there yet.
    let start: Int
    let depth: Int

    var codingPath: [any CodingKey] { encoding.path(depth) }

    private func begin() throws { try encoding.beginSingleValue(at: start) }

    mutating func encodeNil() throws {
        try begin()
        encoding.writeNil()
    }

    mutating func encode(_ value: Bool) throws {
        try begin()
        encoding.write(value)
    }

    mutating func encode(_ value: String) throws {
        try begin()
        encoding.write(value)
    }

    mutating func encode(_ value: Double) throws { throw encoding.floatingPoint(value, key: nil, depth: depth) }
    mutating func encode(_ value: Float) throws { throw encoding.floatingPoint(value, key: nil, depth: depth) }

    mutating func encode(_ value: Int) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt) throws { try encodeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try encodeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try encodeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try encodeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try encodeInteger(value) }

    mutating func encode(_ value: Int128) throws {
        try begin()
        encoding.writeInteger(value)
    }

    mutating func encode(_ value: UInt128) throws {
        try begin()
        encoding.writeInteger(value)
    }

    private func encodeInteger(_ value: Int64) throws {
        try begin()
        encoding.writeInteger(value)
    }

    private func encodeInteger(_ value: UInt64) throws {
        try begin()
        encoding.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try encoding.encode(value, key: nil)
    }
}
