import BackstopCore

/// What the binary coder does with a value of some type, decided once per type.
///
/// Primitives and fixed-point numbers are written directly, without the nested `Encoder` calls of
/// their own `Codable` conformance (a fixed-point number's is a decimal string, for JSON): that is
/// where most of a snapshot's values are.
enum BinaryValueKind {
    /// Anything else: encoded by its own conformance.
    case other
    /// A primitive or a fixed-point number, written directly.
    case direct(Direct)
    /// A dictionary or set whose keys can be sorted, written in key order.
    case sorted
    /// A dictionary or set whose keys cannot be sorted: its order would be the hash table's.
    case unordered

    /// The types written directly. A value is reinterpreted as the type its kind names, which
    /// is exactly its own type: the kind was found from that type's metadata.
    enum Direct {
        /// A `FixedPointDecimal`, written as its scaled integer.
        case fixedPoint(any FixedPointDecimal.Type)
        case bool, string
        case int, int8, int16, int32, int64, int128
        case uint, uint8, uint16, uint32, uint64, uint128
    }

    /// Classifies `type`.
    static func of(_ type: Any.Type) -> BinaryValueKind {
        if let fixed = type as? any FixedPointDecimal.Type { return .direct(.fixedPoint(fixed)) }
        if let direct = primitives[ObjectIdentifier(type)] { return .direct(direct) }
        if type is any SortedEncodable.Type { return .sorted }
        if type is any UnorderedCollection.Type { return .unordered }
        return .other
    }

    private static let primitives: [ObjectIdentifier: Direct] = [
        ObjectIdentifier(Bool.self): .bool, ObjectIdentifier(String.self): .string,
        ObjectIdentifier(Int.self): .int, ObjectIdentifier(Int8.self): .int8, ObjectIdentifier(Int16.self): .int16,
        ObjectIdentifier(Int32.self): .int32, ObjectIdentifier(Int64.self): .int64, ObjectIdentifier(Int128.self): .int128,
        ObjectIdentifier(UInt.self): .uint, ObjectIdentifier(UInt8.self): .uint8, ObjectIdentifier(UInt16.self): .uint16,
        ObjectIdentifier(UInt32.self): .uint32, ObjectIdentifier(UInt64.self): .uint64, ObjectIdentifier(UInt128.self): .uint128,
    ]
}

/// Remembers the kind of every type met, so that classifying one costs a hash and a compare
/// instead of the runtime's protocol-conformance lookups.
struct BinaryValueKindCache {
    private var types = [ObjectIdentifier?](repeating: nil, count: 64)
    private var kinds = [BinaryValueKind](repeating: .other, count: 64)
    private var count = 0

    mutating func kind(of type: Any.Type) -> BinaryValueKind {
        let id = ObjectIdentifier(type)
        var slot = Self.slot(id, in: types.count)
        while let known = types[slot] {
            if known == id { return kinds[slot] }
            slot = (slot + 1) & (types.count - 1)
        }
        let kind = BinaryValueKind.of(type)
        types[slot] = id
        kinds[slot] = kind
        count += 1
        if count * 2 > types.count { grow() }
        return kind
    }

    /// Fibonacci hashing: the top bits of the address times 2⁶⁴/φ.
    private static func slot(_ id: ObjectIdentifier, in capacity: Int) -> Int {
        let product = UInt64(UInt(bitPattern: id)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: product >> UInt64(64 - capacity.trailingZeroBitCount))
    }

    private mutating func grow() {
        let entries = zip(types, kinds).compactMap { type, kind in type.map { ($0, kind) } }
        types = [ObjectIdentifier?](repeating: nil, count: types.count * 2)
        kinds = [BinaryValueKind](repeating: .other, count: types.count)
        for (type, kind) in entries {
            var slot = Self.slot(type, in: types.count)
            while types[slot] != nil { slot = (slot + 1) & (types.count - 1) }
            types[slot] = type
            kinds[slot] = kind
        }
    }
}
