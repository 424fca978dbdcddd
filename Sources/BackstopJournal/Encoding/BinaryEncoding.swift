/// One encoding in progress: the bytes so far, the containers still open and the strings stored.
///
/// Containers are written in place, behind a one-byte length (two for an unkeyed container: its
/// length and its count) that is filled in when the container closes, moving its contents along
/// when the numbers need more room. A container closes when its value's `encode(to:)` returns or
/// when a container it is nested in takes another value.
///
/// An encoding runs on one thread and none of its accesses to its own state overlap, so that
/// state is not checked for exclusive access at run time: the checks cost more than the writing.
final class BinaryEncoding: Encoder {
    /// The document so far.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// The keys of the value being encoded, outermost first.
    @exclusivity(unchecked) private(set) var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What to do with each type met, remembered.
    @exclusivity(unchecked) var kinds = BinaryValueKindCache()

    @exclusivity(unchecked) private var stringNumbers: [String: UInt64] = [:]
    @exclusivity(unchecked) private var strings: [String] = []
    /// The key numbers used lately by each entry of each kind of keyed container.
    @exclusivity(unchecked) private var recentKeys = [RecentKey](repeating: RecentKey(), count: 256)
    @exclusivity(unchecked) private var open: [OpenContainer] = []
    @exclusivity(unchecked) private var nextContainerID = 0
    /// Where the value being encoded begins.
    @exclusivity(unchecked) private var valueStart = 0
    /// The first misuse of a container where no error could be thrown, thrown at the end.
    @exclusivity(unchecked) private var misuse: String?

    /// A container that may still take values.
    private struct OpenContainer {
        let id: Int
        let kind: BinaryContainerKind
        /// Where its tag is, or where the pending value begins.
        let start: Int
        /// Whether opening it added a key to the coding path, to be removed when it closes.
        let pushedKey: Bool
        /// For a pending value: the start of the value it is nested in.
        let outerValueStart: Int
        /// Entries or elements written into it.
        var count = 0
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(BinaryKeyedEncodingContainer<Key>(
            encoding: self, id: containerForValue(.keyed), depth: codingPath.count))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        BinaryUnkeyedEncodingContainer(encoding: self, id: containerForValue(.unkeyed), depth: codingPath.count)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinarySingleValueEncodingContainer(encoding: self, start: valueStart, depth: codingPath.count)
    }

    /// The coding path of a container whose value is `depth` keys deep.
    func path(_ depth: Int) -> [any CodingKey] { Array(codingPath.prefix(depth)) }

    /// Encodes the document's one value and checks the containers were used as they must be.
    func encodeRoot<T: Encodable>(_ value: T) throws {
        try encode(value, key: nil)
        if let misuse { throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: misuse)) }
    }

    /// Appends the string table and its offset, and returns the document.
    func finish() -> [UInt8] {
        let offset = UInt64(bytes.count)
        appendVarint(UInt64(strings.count))
        for string in strings {
            var string = string
            string.withUTF8 { utf8 in
                appendVarint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
        withUnsafeBytes(of: offset.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The container the value being encoded asked for: a new one, or the one it asked for before.
    private func containerForValue(_ kind: BinaryContainerKind) -> Int {
        if let index = open.lastIndex(where: { $0.start <= valueStart }), open[index].start == valueStart,
           open[index].kind == kind
        {
            while open.count > index + 1 { closeInnermost() }
            return open[index].id
        }
        if bytes.count != valueStart {
            misuse = misuse ?? "the value at '\(codingPath.map(\.stringValue).joined(separator: "."))' was encoded twice"
        }
        return openContainer(kind, pushedKey: false)
    }

    private func openContainer(_ kind: BinaryContainerKind, pushedKey: Bool) -> Int {
        let id = nextContainerID
        nextContainerID += 1
        let start = bytes.count
        switch kind {
        case .keyed:
            bytes.append(BinaryFormat.Tag.keyed)
            bytes.append(0)
        case .unkeyed:
            bytes.append(BinaryFormat.Tag.unkeyed)
            bytes.append(0)
            bytes.append(0)
        case .pending: break
        }
        open.append(OpenContainer(
            id: id, kind: kind, start: start, pushedKey: pushedKey, outerValueStart: valueStart))
        if kind == .pending { valueStart = start }
        return id
    }

    /// What a value's end restores: the containers open and the value begun before it.
    struct ValueFrame {
        fileprivate let openCount: Int
        fileprivate let outerValueStart: Int
        fileprivate let pushedKey: Bool
    }

    /// Begins a value at the end of the bytes, under `key` when it has one.
    func enterValue(key: (any CodingKey)?) -> ValueFrame {
        if let key { codingPath.append(key) }
        defer { valueStart = bytes.count }
        return ValueFrame(openCount: open.count, outerValueStart: valueStart, pushedKey: key != nil)
    }

    /// Closes what the value left open; a value that wrote nothing becomes an empty keyed
    /// container, as in JSON.
    func leaveValue(_ frame: ValueFrame) {
        while open.count > frame.openCount { closeInnermost() }
        if bytes.count == valueStart {
            bytes.append(BinaryFormat.Tag.keyed)
            bytes.append(0)
        }
        valueStart = frame.outerValueStart
        if frame.pushedKey { codingPath.removeLast() }
    }

    /// Makes container `id` the innermost open one, closing those nested in it.
    @inline(__always)
    private func enter(_ id: Int) throws {
        if open.last?.id == id { return }
        while let innermost = open.last, innermost.id > id { closeInnermost() }
        guard open.last?.id == id else {
            throw EncodingError.invalidValue(
                id, EncodingError.Context(codingPath: codingPath, debugDescription: "a container was used after it was finished"))
        }
    }

    private func closeInnermost() {
        let container = open.removeLast()
        switch container.kind {
        case .keyed: writeHeader(at: container.start + 1, reserved: 1, count: nil)
        case .unkeyed: writeHeader(at: container.start + 1, reserved: 2, count: UInt64(container.count))
        case .pending:
            if bytes.count == container.start { bytes.append(BinaryFormat.Tag.null) }
            valueStart = container.outerValueStart
        }
        if container.pushedKey { codingPath.removeLast() }
    }

    /// Fills in a container's length (and count) in the `reserved` bytes at `position`, making room
    /// when they need more.
    private func writeHeader(at position: Int, reserved: Int, count: UInt64?) {
        let contents = UInt64(bytes.count - position - reserved)
        let length = contents + UInt64(count.map(BinaryFormat.varintSize) ?? 0)
        let size = BinaryFormat.varintSize(length) + (count.map(BinaryFormat.varintSize) ?? 0)
        if size > reserved {
            bytes.insert(contentsOf: repeatElement(0, count: size - reserved), at: position + reserved)
        }
        let end = BinaryFormat.storeVarint(length, in: &bytes, at: position)
        if let count { BinaryFormat.storeVarint(count, in: &bytes, at: end) }
    }

    /// Starts an entry of keyed container `id`: its key.
    func beginEntry(_ key: some CodingKey, in id: Int) throws {
        try enter(id)
        let entry = open[open.count - 1].count
        open[open.count - 1].count += 1
        writeKey(key, entry: entry)
    }

    /// Starts an element of unkeyed container `id`.
    func beginElement(in id: Int) throws {
        try enter(id)
        open[open.count - 1].count += 1
    }

    /// Checks that a single-value container made at `start` may write its value now.
    func beginSingleValue(at start: Int) throws {
        guard start == valueStart, bytes.count == start else {
            throw EncodingError.invalidValue(
                start, EncodingError.Context(codingPath: codingPath, debugDescription: "a single value was encoded twice"))
        }
    }

    /// Opens a container (or a pending value, for `superEncoder`) as the value of the entry or
    /// element just begun, whose key is `key`, and returns its identity.
    func openNested(_ kind: BinaryContainerKind, key: any CodingKey) -> Int {
        codingPath.append(key)
        return openContainer(kind, pushedKey: true)
    }

    /// Notes a misuse found where no error can be thrown; the encoding fails at its end.
    func recordMisuse(_ error: any Error) {
        misuse = misuse ?? "\(error)"
    }

    /// A key as an integer, or as the number of its string in the string table.
    ///
    /// Containers of one type write the same keys in the same order each time, so the number a
    /// key had as the same entry of the last such container is tried before the table is: the
    /// strings then compare equal by their bits.
    private func writeKey<Key: CodingKey>(_ key: Key, entry: Int) {
        if let number = key.intValue, key.stringValue == String(number) {
            bytes.append(BinaryFormat.integerKey)
            writeInteger(Int64(number))
            return
        }
        let text = key.stringValue
        let type = ObjectIdentifier(Key.self)
        let slot = (Int(truncatingIfNeeded: UInt(bitPattern: type) >> 3) &+ entry &* 31) & (recentKeys.count - 1)
        if recentKeys[slot].type == type, recentKeys[slot].entry == entry, recentKeys[slot].text == text {
            appendVarint(recentKeys[slot].number << 1)
            return
        }
        let number = store(text)
        recentKeys[slot] = RecentKey(type: type, entry: entry, text: text, number: number)
        appendVarint(number << 1)
    }

    /// The number of `text` in the string table, where it is added if new.
    func store(_ text: String) -> UInt64 {
        if let known = stringNumbers[text] { return known }
        let number = UInt64(strings.count)
        stringNumbers[text] = number
        strings.append(text)
        return number
    }

    /// The key number written as entry `entry` of a keyed container of the key type `type`.
    private struct RecentKey {
        var type: ObjectIdentifier?
        var entry = 0
        var text = ""
        var number: UInt64 = 0
    }
}

/// What an encoding holds open: a keyed or an unkeyed container, or a value not written yet (the
/// value of a `superEncoder`).
enum BinaryContainerKind {
    case keyed, unkeyed, pending
}
