/// Writes a keyed container's entries: each a key and a value.
///
/// A nil optional is written as nil rather than left out, so that a reader finds every key in
/// the order it was written.
struct BinaryKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoding: BinaryEncoding
    let id: Int
    let depth: Int

    var codingPath: [any CodingKey] { encoding.path(depth) }

    private func begin(_ key: Key) throws { try encoding.beginEntry(key, in: id) }

    mutating func encodeNil(forKey key: Key) throws {
        try begin(key)
        encoding.writeNil()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try begin(key)
        encoding.write(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try begin(key)
        encoding.write(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        throw encoding.floatingPoint(value, key: key, depth: depth)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        throw encoding.floatingPoint(value, key: key, depth: depth)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeInteger(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeInteger(UInt64(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeInteger(UInt64(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeInteger(UInt64(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeInteger(UInt64(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeInteger(value, key) }

    mutating func encode(_ value: Int128, forKey key: Key) throws {
        try begin(key)
        encoding.writeInteger(value)
    }

    mutating func encode(_ value: UInt128, forKey key: Key) throws {
        try begin(key)
        encoding.writeInteger(value)
    }

    private func encodeInteger(_ value: Int64, _ key: Key) throws {
        try begin(key)
        encoding.writeInteger(value)
    }

    private func encodeInteger(_ value: UInt64, _ key: Key) throws {
        try begin(key)
        encoding.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        if !encoding.encodeDirectly(value) { try encoding.encode(value, key: key) }
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int128?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt128?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, key) }

    /// A present value as ``encode(_:forKey:)`` writes it (the generic path writes primitives
    /// directly too); an absent one as nil.
    private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let id = open(.keyed, key)
        return KeyedEncodingContainer(BinaryKeyedEncodingContainer<NestedKey>(encoding: encoding, id: id, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        BinaryUnkeyedEncodingContainer(encoding: encoding, id: open(.unkeyed, key), depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        _ = open(.pending, SuperKey())
        return encoding
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = open(.pending, key)
        return encoding
    }

    private func open(_ kind: BinaryContainerKind, _ key: some CodingKey) -> Int {
        do { try encoding.beginEntry(key, in: id) } catch { encoding.recordMisuse(error) }
        return encoding.openNested(kind, key: key)
    }
}

/// The key of `superEncoder()` and `superDecoder()`: "super", as JSON has it.
struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { if stringValue != "super" { return nil } }
    init?(intValue: Int) { nil }
}
