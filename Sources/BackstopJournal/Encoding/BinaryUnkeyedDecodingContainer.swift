/// Reads an unkeyed container's elements in order.
struct BinaryUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoding: BinaryDecoding
    /// Where the elements not read yet are.
    private var elements: Range<Int>
    private let total: Int
    let place: BinaryDecodingPlace
    private(set) var currentIndex = 0

    init(decoding: BinaryDecoding, elements: Range<Int>, count: Int, place: BinaryDecodingPlace) {
        self.decoding = decoding
        self.elements = elements
        self.total = count
        self.place = place
    }

    var codingPath: [any CodingKey] { decoding.codingPath(of: place) }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    private var elementPath: [any CodingKey] { codingPath + [IndexKey(currentIndex)] }

    /// Where the next element ends; throws at the container's end.
    private func nextEnd(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: elementPath, debugDescription: "the unkeyed container has no more elements"))
        }
        do throws(BinaryMalformation) {
            return try decoding.skipValue(at: elements.lowerBound, limit: elements.upperBound)
        } catch {
            throw error.decodingError(type, elementPath)
        }
    }

    private mutating func advance(to end: Int) {
        elements = end..<elements.upperBound
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        let end = try nextEnd(Never?.self)
        guard decoding.bytes[elements.lowerBound] == BinaryFormat.Tag.null else { return false }
        advance(to: end)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeValue(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeValue(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try decodeValue(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try decodeValue(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    /// Every type goes one way: primitives and fixed-point numbers are read directly by it.
    private mutating func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        let end = try nextEnd(type)
        let value = try decoding.decode(type, at: elements.lowerBound, limit: end, key: IndexKey(currentIndex), place: place)
        advance(to: end)
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let end = try nextEnd(type)
        let nested = try decoding.keyedContainer(
            keyedBy: type, at: elements.lowerBound, limit: end, place: decoding.nesting(place, IndexKey(currentIndex)))
        advance(to: end)
        return nested
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let end = try nextEnd([Any].self)
        let nested = try decoding.unkeyedContainer(
            at: elements.lowerBound, limit: end, place: decoding.nesting(place, IndexKey(currentIndex)))
        advance(to: end)
        return nested
    }

    mutating func superDecoder() throws -> any Decoder {
        let end = try nextEnd(Any.self)
        let decoder = decoding.superDecoder(at: elements.lowerBound, limit: end, key: IndexKey(currentIndex), place: place)
        advance(to: end)
        return decoder
    }
}
