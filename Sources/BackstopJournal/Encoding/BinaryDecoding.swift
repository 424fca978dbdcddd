/// One decoding in progress: the document, its keys, and the value being decoded.
final class BinaryDecoding: Decoder {
    /// The whole document.
    let bytes: [UInt8]
    /// The string keys, by number.
    let keys: [String]
    /// The keys of the value being decoded, outermost first.
    private(set) var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What to do with each type met, remembered.
    var kinds = BinaryValueKindCache()

    /// Where the value being decoded begins.
    private var position = 0
    /// Where the container holding it ends.
    private var limit = 0
    /// For each depth of the coding path: the keyed container read last at that depth (where its
    /// entries begin) and where its next entry begins, so that reading keys in the order they were
    /// written costs no search.
    private var hints: [(start: Int, next: Int)] = []

    init(bytes: [UInt8], keys: [String], codingPath: [any CodingKey]) {
        self.bytes = bytes
        self.keys = keys
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let entries = try body(BinaryFormat.Tag.keyed, at: position, limit: limit, as: type, path: codingPath)
        return KeyedDecodingContainer(BinaryKeyedDecodingContainer<Key>(decoding: self, entries: entries, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(at: position, limit: limit, path: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BinarySingleValueDecodingContainer(decoding: self, position: position, limit: limit, codingPath: codingPath)
    }

    /// Decodes a value of type `type` that begins at `start`, inside a container ending at `limit`,
    /// under `key` (if any) of a container at `path`.
    func decode<T: Decodable>(_ type: T.Type, at start: Int, limit: Int, key: (any CodingKey)?, path: [any CodingKey]) throws -> T {
        do throws(BinaryMalformation) {
            if let value = try decodeDirectly(type, at: start, limit: limit) { return value }
        } catch {
            throw error.decodingError(type, path + (key.map { [$0] } ?? []))
        }
        let outer = (position, self.limit)
        position = start
        self.limit = limit
        if let key { codingPath.append(key) }
        defer {
            (position, self.limit) = outer
            if key != nil { codingPath.removeLast() }
        }
        return try T(from: self)
    }

    /// A decoder for the value at `start`, as `superDecoder` returns: its own state, for a caller
    /// may keep it while this one moves on.
    func superDecoder(at start: Int, limit: Int, path: [any CodingKey]) -> BinaryDecoding {
        let decoder = BinaryDecoding(bytes: bytes, keys: keys, codingPath: path)
        decoder.position = start
        decoder.limit = limit
        return decoder
    }

    /// The entries of the keyed or the elements of the unkeyed container (`tag`) at `start`.
    func body(_ tag: UInt8, at start: Int, limit: Int, as type: Any.Type, path: [any CodingKey]) throws -> Range<Int> {
        do throws(BinaryMalformation) {
            var position = start
            let found = try readByte(at: &position, limit: limit)
            guard found == tag else { throw .unexpected(found) }
            let length = try readVarint(at: &position, limit: limit)
            guard length <= UInt64(limit - position) else { throw .truncated }
            return position..<position + Int(length)
        } catch {
            throw error.decodingError(type, path)
        }
    }

    /// The unkeyed container at `start`.
    func unkeyedContainer(at start: Int, limit: Int, path: [any CodingKey]) throws -> BinaryUnkeyedDecodingContainer {
        let elements = try body(BinaryFormat.Tag.unkeyed, at: start, limit: limit, as: [Any].self, path: path)
        do throws(BinaryMalformation) {
            var position = elements.lowerBound
            let count = try readVarint(at: &position, limit: elements.upperBound)
            // Every element takes a byte at least, which keeps a damaged count from reserving memory.
            guard count <= UInt64(elements.upperBound - position) else { throw .excess }
            return BinaryUnkeyedDecodingContainer(
                decoding: self, elements: position..<elements.upperBound, count: Int(count), codingPath: path)
        } catch {
            throw error.decodingError([Any].self, path)
        }
    }

    /// Forgets what was read of containers at `depth`: a new container there begins at `start`.
    func beginContainer(at start: Int, depth: Int) {
        while hints.count <= depth { hints.append((-1, -1)) }
        hints[depth] = (start, start)
    }

    /// Where the value of `key` begins in the keyed container whose entries are `entries`, at
    /// `depth`, or nil when it has none.
    func find(_ key: some CodingKey, in entries: Range<Int>, depth: Int) throws(BinaryMalformation) -> Int? {
        let end = entries.upperBound
        if depth < hints.count, hints[depth].start == entries.lowerBound, hints[depth].next < end {
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
                if depth < hints.count, hints[depth].start == entries.lowerBound { hints[depth].next = next }
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

    private func matches(_ stored: StoredKey, _ key: some CodingKey) -> Bool {
        switch stored {
        case .string(let number): keys[number] == key.stringValue
        case .integer(let number): key.intValue == number
        }
    }
}

/// A key as written: a number in the key table, or an integer.
enum StoredKey {
    case string(Int)
    case integer(Int)
}
