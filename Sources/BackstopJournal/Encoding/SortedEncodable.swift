/// A hash-table collection that the binary encoder writes in the order of its keys, so that equal
/// collections always give equal bytes.
///
/// The containers are those of the collection's own `Encodable` conformance, in the same shape,
/// so its own `Decodable` conformance reads them back.
protocol SortedEncodable {
    /// Encodes the collection as its own conformance would, with its entries sorted by key.
    func encodeSorted(to encoder: any Encoder) throws
}

/// A hash-table collection, whose iteration order depends on the process's hash seed.
protocol UnorderedCollection {}

extension Dictionary: UnorderedCollection {}
extension Set: UnorderedCollection {}

extension Dictionary: SortedEncodable where Key: Encodable & Comparable, Value: Encodable {
    /// Keys that are `CodingKeyRepresentable` (`String` and `Int` among them) go in a keyed
    /// container, as the standard library writes them; others alternate with their values in an
    /// unkeyed container.
    func encodeSorted(to encoder: any Encoder) throws {
        let entries = sorted { $0.key < $1.key }
        if Key.self is any CodingKeyRepresentable.Type {
            var container = encoder.container(keyedBy: DictionaryKey.self)
            for (key, value) in entries {
                try container.encode(value, forKey: DictionaryKey(key as! any CodingKeyRepresentable))
            }
        } else {
            var container = encoder.unkeyedContainer()
            for (key, value) in entries {
                try container.encode(key)
                try container.encode(value)
            }
        }
    }
}

extension Set: SortedEncodable where Element: Encodable & Comparable {
    func encodeSorted(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(contentsOf: sorted())
    }
}

/// A dictionary's key as a coding key, as the standard library makes it.
struct DictionaryKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }

    init(_ key: any CodingKeyRepresentable) {
        let codingKey = key.codingKey
        stringValue = codingKey.stringValue
        intValue = codingKey.intValue
    }
}
