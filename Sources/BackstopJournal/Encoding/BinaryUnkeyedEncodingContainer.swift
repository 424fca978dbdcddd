/// Writes an unkeyed container's elements, counting them for its header.
///
/// Its fields are kept to three words, so that the `any UnkeyedEncodingContainer` holding it
/// needs no allocation.
struct BinaryUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoding: BinaryEncoding
    let id: Int
    private var elements: UInt32
    private let pathDepth: UInt32

    init(encoding: BinaryEncoding, id: Int, depth: Int) {
        self.encoding = encoding
        self.id = id
        elements = 0
        pathDepth = UInt32(depth)
    }

    var depth: Int { Int(pathDepth) }
    var count: Int { Int(elements) }
    var codingPath: [any CodingKey] { encoding.path(depth) }

    private mutating func begin() throws {
        try encoding.beginElement(in: id)
        elements += 1
    }

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

    mutating func encode(_ value: Double) throws { throw encoding.floatingPoint(value, key: IndexKey(count), depth: depth) }
    mutating func encode(_ value: Float) throws { throw encoding.floatingPoint(value, key: IndexKey(count), depth: depth) }

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

    private mutating func encodeInteger(_ value: Int64) throws {
        try begin()
        encoding.writeInteger(value)
    }

    private mutating func encodeInteger(_ value: UInt64) throws {
        try begin()
        encoding.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        if !encoding.encodeDirectly(value) { try encoding.encode(value, key: IndexKey(count - 1)) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let id = open(.keyed)
        return KeyedEncodingContainer(BinaryKeyedEncodingContainer<NestedKey>(encoding: encoding, id: id, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let id = open(.unkeyed)
        return BinaryUnkeyedEncodingContainer(encoding: encoding, id: id, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        _ = open(.pending)
        return encoding
    }

    private mutating func open(_ kind: BinaryContainerKind) -> Int {
        do { try begin() } catch { encoding.recordMisuse(error) }
        return encoding.openNested(kind, key: IndexKey(count - 1))
    }
}

/// The key of an unkeyed container's element: its index.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
