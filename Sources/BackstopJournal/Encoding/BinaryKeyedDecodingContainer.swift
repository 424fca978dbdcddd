/// Reads a keyed container's entries by key.
struct BinaryKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The decoding, not retained: the standard library copies the container for every value it
    /// reads, and a decoding outlives the containers it makes (``BinaryDecoder`` holds it until the
    /// value is decoded, and it holds the decoders `superDecoder` makes).
    private let owner: Unmanaged<BinaryDecoding>
    /// Where the entries are.
    let entries: Range<Int>
    let place: BinaryDecodingPlace

    init(decoding: BinaryDecoding, entries: Range<Int>, place: BinaryDecodingPlace) {
        owner = Unmanaged.passUnretained(decoding)
        self.entries = entries
        self.place = place
    }

    /// The decoding, borrowed for the length of `body`.
    private func withDecoding<Result>(_ body: (BinaryDecoding) throws -> Result) rethrows -> Result {
        try owner._withUnsafeGuaranteedRef(body)
    }

    var codingPath: [any CodingKey] { withDecoding { $0.codingPath(of: place) } }

    var allKeys: [Key] {
        withDecoding { decoding in
            decoding.storedKeys(in: entries).compactMap { stored in
                switch stored {
                case .string(let number): Key(stringValue: decoding.strings[number])
                case .integer(let number): Key(intValue: number) ?? Key(stringValue: String(number))
                }
            }
        }
    }

    func contains(_ key: Key) -> Bool { (try? valueStart(key)) != nil }

    /// Where the value of `key` begins, or nil when the container has none.
    private func valueStart(_ key: some CodingKey) throws -> Int? {
        try withDecoding { decoding in
            do throws(BinaryMalformation) {
                return try decoding.find(key, in: entries, depth: place.hintDepth)
            } catch {
                throw error.decodingError(Any.self, decoding.codingPath(of: place) + [key])
            }
        }
    }

    private func require(_ key: some CodingKey) throws -> Int {
        guard let start = try valueStart(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "no value for the key \(key.stringValue)"))
        }
        return start
    }

    private func isNil(at start: Int) -> Bool { withDecoding { $0.bytes[start] == BinaryFormat.Tag.null } }

    func decodeNil(forKey key: Key) throws -> Bool { isNil(at: try require(key)) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, key) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decodeValue(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, key) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decodeValue(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeValue(type, key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeOptional(type, key) }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? { try decodeOptional(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decodeOptional(type, key) }

    /// Every type goes one way: primitives and fixed-point numbers are read directly by it.
    private func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let start = try require(key)
        return try withDecoding { try $0.decode(type, at: start, limit: entries.upperBound, key: key, place: place) }
    }

    /// Nil when the key is missing or its value is nil.
    private func decodeOptional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let start = try valueStart(key), !isNil(at: start) else { return nil }
        return try withDecoding { try $0.decode(type, at: start, limit: entries.upperBound, key: key, place: place) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let start = try require(key)
        return try withDecoding { decoding in
            try decoding.keyedContainer(keyedBy: type, at: start, limit: entries.upperBound, place: decoding.nesting(place, key))
        }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let start = try require(key)
        return try withDecoding { decoding in
            try decoding.unkeyedContainer(at: start, limit: entries.upperBound, place: decoding.nesting(place, key))
        }
    }

    func superDecoder() throws -> any Decoder { try superDecoder(SuperKey()) }

    func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder(key) }

    private func superDecoder(_ key: some CodingKey) throws -> any Decoder {
        let start = try require(key)
        return withDecoding { $0.superDecoder(at: start, limit: entries.upperBound, key: key, place: place) }
    }
}
