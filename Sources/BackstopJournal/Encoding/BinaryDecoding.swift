/// One decoding in progress: the document, its strings, and the value being decoded.
///
/// A decoding runs on one thread and none of its accesses to its own state overlap, so that
/// state is not checked for exclusive access at run time: the checks cost more than the reading.
final class BinaryDecoding: Decoder {
    /// The whole document.
    let bytes: [UInt8]
    /// The string table: keys and short strings, by number.
    let strings: [String]
    /// The keys of the value being decoded, outermost first.
    @exclusivity(unchecked) private(set) var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What to do with each type met, remembered.
    @exclusivity(unchecked) var kinds = BinaryValueKindCache()

    /// Where the value being decoded begins.
    @exclusivity(unchecked) private var position = 0
    /// Where the container holding it ends.
    @exclusivity(unchecked) private var limit = 0
    /// For each depth of the coding path: the keyed container read last at that depth (where its
    /// entries begin) and where its next entry begins, so that reading keys in the order they were
    /// written costs no search.
    @exclusivity(unchecked) private var hints: [(start: Int, next: Int)] = []
    /// The keys of nested containers beyond their decoder's coding path, numbered by their places.
    @exclusivity(unchecked) private var nestedPaths: [[any CodingKey]] = []
    /// The decoders `superDecoder` made, kept as long as this one for their containers' sake.
    @exclusivity(unchecked) private var superDecoders: [BinaryDecoding] = []
    /// Key strings lately found equal to a stored key's, by key type and key number.
    @exclusivity(unchecked) private var recentMatches = [RecentMatch](repeating: RecentMatch(), count: 256)

    init(bytes: [UInt8], strings: [String], codingPath: [any CodingKey]) {
        self.bytes = bytes
        self.strings = strings
        self.codingPath = codingPath
    }

    /// Where a container made now for the value being decoded is.
    private var here: BinaryDecodingPlace { BinaryDecodingPlace(depth: codingPath.count) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try keyedContainer(keyedBy: type, at: position, limit: limit, place: here)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(at: position, limit: limit, place: here)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleValueDecodingContainer(decoding: self, position: position, limit: limit)
    }

    /// The coding path of a container at `place`.
    func codingPath(of place: BinaryDecodingPlace) -> [any CodingKey] {
        Array(codingPath.prefix(place.depth)) + nestedKeys(place)
    }

    private func nestedKeys(_ place: BinaryDecodingPlace) -> [any CodingKey] {
        place.nestedPath < 0 ? [] : nestedPaths[place.nestedPath]
    }

    /// The place of a container nested under `key` of a container at `place`.
    func nesting(_ place: BinaryDecodingPlace, _ key: any CodingKey) -> BinaryDecodingPlace {
        nestedPaths.append(nestedKeys(place) + [key])
        return BinaryDecodingPlace(depth: place.depth, nestedPath: nestedPaths.count - 1, hintDepth: place.hintDepth + 1)
    }

    /// Decodes a value of type `type` that begins at `start`, under `key` of a container at
    /// `place` that ends at `limit`: primitives and fixed-point numbers directly, anything else
    /// through its own `init(from:)`.
    func decode<T: Decodable, K: CodingKey>(
        _ type: T.Type, at start: Int, limit: Int, key: K, place: BinaryDecodingPlace
    ) throws -> T {
        if case .direct(let direct) = kinds.kind(of: T.self) {
            do throws(BinaryMalformation) {
                return try read(type, direct, at: start, limit: limit)
            } catch {
                throw error.decodingError(type, codingPath(of: place) + [key])
            }
        }
        return try decodeNested(type, at: start, limit: limit, key: key, place: place)
    }

    /// Decodes the value being decoded, or the document's value, as a value of type `type`.
    func decode<T: Decodable>(_ type: T.Type, at start: Int, limit: Int) throws -> T {
        if case .direct(let direct) = kinds.kind(of: T.self) {
            do throws(BinaryMalformation) {
                return try read(type, direct, at: start, limit: limit)
            } catch {
                throw error.decodingError(type, codingPath)
            }
        }
        return try decodeNested(type, at: start, limit: limit, key: nil, place: here)
    }

    /// Decodes a value through its own `init(from:)`, with this decoder at the value.
    private func decodeNested<T: Decodable>(
        _ type: T.Type, at start: Int, limit: Int, key: (any CodingKey)?, place: BinaryDecodingPlace
    ) throws -> T {
        let outerPosition = position
        let outerLimit = self.limit
        position = start
        self.limit = limit
        if place.nestedPath >= 0 { codingPath.append(contentsOf: nestedPaths[place.nestedPath]) }
        if let key { codingPath.append(key) }
        defer {
            position = outerPosition
            self.limit = outerLimit
            while codingPath.count > place.depth { codingPath.removeLast() }
        }
        return try T(from: self)
    }

    /// A decoder for the value at `start` under `key` of a container at `place`, as `superDecoder`
    /// returns: with its own state, since a caller may keep it while this one moves on.
    func superDecoder(at start: Int, limit: Int, key: any CodingKey, place: BinaryDecodingPlace) -> BinaryDecoding {
        let decoder = BinaryDecoding(bytes: bytes, strings: strings, codingPath: codingPath(of: place) + [key])
        decoder.position = start
        decoder.limit = limit
        superDecoders.append(decoder)
        return decoder
    }

    /// The entries of the keyed or the elements of the unkeyed container (`tag`) at `start`, a
    /// container at `place`.
    func body(_ tag: UInt8, at start: Int, limit: Int, as type: Any.Type, place: BinaryDecodingPlace) throws -> Range<Int> {
        do throws(BinaryMalformation) {
            var position = start
            let found = try readByte(at: &position, limit: limit)
            guard found == tag else { throw .unexpected(found) }
            let length = try readVarint(at: &position, limit: limit)
            guard length <= UInt64(limit - position) else { throw .truncated }
            return position..<position + Int(length)
        } catch {
            throw error.decodingError(type, codingPath(of: place))
        }
    }

    /// The keyed container at `start`, a container at `place`.
    func keyedContainer<Key: CodingKey>(
        keyedBy type: Key.Type, at start: Int, limit: Int, place: BinaryDecodingPlace
    ) throws -> KeyedDecodingContainer<Key> {
        let entries = try body(BinaryFormat.Tag.keyed, at: start, limit: limit, as: [String: Any].self, place: place)
        beginContainer(at: entries.lowerBound, depth: place.hintDepth)
        return KeyedDecodingContainer(BinaryKeyedDecodingContainer<Key>(decoding: self, entries: entries, place: place))
    }

    /// The unkeyed container at `start`, a container at `place`.
    func unkeyedContainer(at start: Int, limit: Int, place: BinaryDecodingPlace) throws -> BinaryUnkeyedDecodingContainer {
        let elements = try body(BinaryFormat.Tag.unkeyed, at: start, limit: limit, as: [Any].self, place: place)
        do throws(BinaryMalformation) {
            var position = elements.lowerBound
            let count = try readVarint(at: &position, limit: elements.upperBound)
            // Every element takes a byte at least, which keeps a damaged count from reserving memory.
            guard count <= UInt64(elements.upperBound - position) else { throw .excess }
            return BinaryUnkeyedDecodingContainer(
                decoding: self, elements: position..<elements.upperBound, count: Int(count), place: place)
        } catch {
            throw error.decodingError([Any].self, codingPath(of: place))
        }
    }

    /// Forgets what was read of keyed containers at `depth`: a new one there begins at `start`.
    private func beginContainer(at start: Int, depth: Int) {
        while hints.count <= depth { hints.append((-1, -1)) }
        hints[depth] = (start, start)
    }

    /// Where the value of `key` begins in the keyed container whose entries are `entries`, at
    /// hint depth `depth`, or nil when it has none.
    func find(_ key: some CodingKey, in entries: Range<Int>, depth: Int) throws(BinaryMalformation) -> Int? {
        let end = entries.upperBound
        let hinted = depth < hints.count && hints[depth].start == entries.lowerBound
        if hinted, hints[depth].next < end {
            var position = hints[depth].next
            if try matches(readKey(at: &position, limit: end), key) {
                hints[depth].next = try skipValue(at: position, limit: end)
                return position
            }
        }
        var position = entries.lowerBound
        while position < end {
            let stored = try readKey(at: &position, limit: end)
            let next = try skipValue(at: position, limit: end)
            if matches(stored, key) {
                if hinted { hints[depth].next = next }
                return position
            }
            position = next
        }
        return nil
    }

    /// The keys of a keyed container's entries, as far as they can be read.
    func storedKeys(in entries: Range<Int>) -> [StoredKey] {
        var found: [StoredKey] = []
        var position = entries.lowerBound
        while position < entries.upperBound {
            guard let key = try? readKey(at: &position, limit: entries.upperBound),
                  let next = try? skipValue(at: position, limit: entries.upperBound)
            else { break }
            found.append(key)
            position = next
        }
        return found
    }

    /// Whether `key` is the key stored. A key of a given type found equal to a stored string
    /// once is recognized after by its string's bits, without comparing the characters.
    private func matches<Key: CodingKey>(_ stored: StoredKey, _ key: Key) -> Bool {
        switch stored {
        case .integer(let number):
            return key.intValue == number
        case .string(let number):
            let text = key.stringValue
            let type = ObjectIdentifier(Key.self)
            let slot = (Int(truncatingIfNeeded: UInt(bitPattern: type) >> 3) &+ number &* 31) & (recentMatches.count - 1)
            if recentMatches[slot].type == type, recentMatches[slot].number == number, recentMatches[slot].text == text {
                return true
            }
            guard strings[number] == text else { return false }
            recentMatches[slot] = RecentMatch(type: type, number: number, text: text)
            return true
        }
    }

    /// A key string of the key type `type` found equal to key number `number`.
    private struct RecentMatch {
        var type: ObjectIdentifier?
        var number = 0
        var text = ""
    }
}

/// Where a container is: under the first `depth` keys of the decoder's coding path as it was when
/// the container was made, then, for a nested container, the keys of the containers it is in
/// (number `nestedPath` of the decoding's nested paths). Plain numbers, so that copying a
/// container, which the standard library does for every value it reads, costs no reference
/// counting.
struct BinaryDecodingPlace {
    let depth: Int
    let nestedPath: Int
    /// The length of the container's coding path, which numbers its reading hint.
    let hintDepth: Int

    init(depth: Int, nestedPath: Int = -1, hintDepth: Int? = nil) {
        self.depth = depth
        self.nestedPath = nestedPath
        self.hintDepth = hintDepth ?? depth
    }
}

/// A key as written: a number in the string table, or an integer.
enum StoredKey {
    case string(Int)
    case integer(Int)
}
