import BackstopCore

/// What the binary coder does with a value of some type, decided once per type.
///
/// Primitives and fixed-point numbers are written directly, without the nested `Encoder` calls of
/// their own `Codable` conformance (a fixed-point number's is a decimal string, for JSON): that is
/// where most of a snapshot's values are.
enum BinaryValueKind {
    /// Anything else: encoded by its own conformance.
    case other
    /// A `FixedPointDecimal`, written as its scaled integer.
    case fixedPoint(any FixedPointDecimal.Type)
    case bool, string
    case int, int8, int16, int32, int64, int128
    case uint, uint8, uint16, uint32, uint64, uint128
    /// A dictionary or set whose keys can be sorted, written in key order.
    case sorted
    /// A dictionary or set whose keys cannot be sorted: its order would be the hash table's.
    case unordered

    /// Classifies `type`.
    static func of(_ type: Any.Type) -> BinaryValueKind {
        if let fixed = type as? any FixedPointDecimal.Type { return .fixedPoint(fixed) }
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(Bool.self): return .bool
        case ObjectIdentifier(String.self): return .string
        case ObjectIdentifier(Int.self): return .int
        case ObjectIdentifier(Int8.self): return .int8
        case ObjectIdentifier(Int16.self): return .int16
        case ObjectIdentifier(Int32.self): return .int32
        case ObjectIdentifier(Int64.self): return .int64
        case ObjectIdentifier(Int128.self): return .int128
        case ObjectIdentifier(UInt.self): return .uint
        case ObjectIdentifier(UInt8.self): return .uint8
        case ObjectIdentifier(UInt16.self): return .uint16
        case ObjectIdentifier(UInt32.self): return .uint32
        case ObjectIdentifier(UInt64.self): return .uint64
        case ObjectIdentifier(UInt128.self): return .uint128
        default: break
        }
        if type is any SortedEncodable.Type { return .sorted }
        if type is any UnorderedCollection.Type { return .unordered }
        return .other
    }
}

/// Remembers the kinds of the types seen lately, so that classifying one costs a load and a
/// compare instead of the runtime's protocol-conformance lookups.
struct BinaryValueKindCache {
    private var types = [ObjectIdentifier?](repeating: nil, count: 64)
    private var kinds = [BinaryValueKind](repeating: .other, count: 64)

    mutating func kind(of type: Any.Type) -> BinaryValueKind {
        let id = ObjectIdentifier(type)
        // Fibonacci hashing: the top six bits of the address times 2⁶⁴/φ pick the slot.
        let slot = Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: id)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        if types[slot] == id { return kinds[slot] }
        let kind = BinaryValueKind.of(type)
        types[slot] = id
        kinds[slot] = kind
        return kind
    }
}
