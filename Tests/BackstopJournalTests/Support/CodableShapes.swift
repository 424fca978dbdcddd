import BackstopCore
import BackstopEngine
import DequeModule
import OrderedCollections

/// Every integer width at its extremes.
struct Integers: Codable, Equatable {
    var int: Int, int8: Int8, int16: Int16, int32: Int32, int64: Int64, int128: Int128
    var uint: UInt, uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64, uint128: UInt128

    static let smallest = Integers(
        int: .min, int8: .min, int16: .min, int32: .min, int64: .min, int128: .min,
        uint: .min, uint8: .min, uint16: .min, uint32: .min, uint64: .min, uint128: .min)
    static let largest = Integers(
        int: .max, int8: .max, int16: .max, int32: .max, int64: .max, int128: .max,
        uint: .max, uint8: .max, uint16: .max, uint32: .max, uint64: .max, uint128: .max)
    static let nearZero = Integers(
        int: -1, int8: 127, int16: -128, int32: 128, int64: -129, int128: Int128(Int64.min) - 1,
        uint: 127, uint8: 128, uint16: 255, uint32: 16_383, uint64: 16_384, uint128: UInt128(UInt64.max) + 1)
}

/// Text and flags.
struct Texts: Codable, Equatable {
    var empty = ""
    var ascii = "BTCUSDT"
    var unicode = "ordre n°1 ✓ 🚀"
    var long = String(repeating: "0123456789", count: 2_000)
    var flags = [true, false, true]
}

/// Optionals, present and absent, as synthesized conformances write them (`encodeIfPresent`).
struct Optionals: Codable, Equatable {
    var absentInt: Int?
    var presentInt: Int? = -5
    var absentText: String?
    var presentText: String? = ""
    var absentPrice: Price?
    var presentPrice: Price? = Price("65000.1")
    var absentStruct: Texts?
    var presentBool: Bool? = false
    var elements: [Int?] = [1, nil, 3, nil]
}

enum Direction: String, Codable, Equatable { case buy, sell }
enum Level: Int, Codable, Equatable { case low = -1, high = 300 }

/// Enumerations with raw values and with associated values (synthesized nested containers).
enum Figure: Codable, Equatable {
    case point
    case circle(radius: Int)
    case rectangle(Int, Int)
    case labelled(String, inner: [Figure], side: Direction?)
}

struct Enumerations: Codable, Equatable {
    var side = Direction.sell
    var level = Level.high
    var figures: [Figure] = [
        .point, .circle(radius: 3), .rectangle(-1, 2),
        .labelled("nest", inner: [.point, .labelled("deeper", inner: [], side: nil)], side: .buy),
    ]
}

/// Fixed-point numbers at their extremes, and identifiers.
struct FixedPoints: Codable, Equatable {
    var prices = [Price(raw: .min), Price(raw: -1), .zero, Price(raw: 127), Price(raw: 128), Price(raw: .max)]
    var quantity = Quantity("-0.00000001")!
    var money = Money("123456789.12345678")!
    var rate = Rate("0.0004")!
    var account = AccountID(UInt64.max)
    var order = OrderID(0)
}

/// Collections: arrays, nested arrays, swift-collections types, dictionaries and sets.
struct CollectionsShape: Codable, Equatable {
    var empty: [Int] = []
    var nested: [[Int]] = [[], [1], [2, 3]]
    var many = Array(0..<100_000)
    var deque: Deque<Int32> = [5, -1, 7]
    var orderedSet: OrderedSet<Int> = [9, 3, 5]
    var byName: [String: Int] = ["b": 2, "a": 1, "5": 5, "05": 6, "-1": 7, "": 8, "ÉTH": 9]
    var byNumber: [Int: String] = [3: "c", -1: "minus", .min: "min", .max: "max"]
    var byAccount: [AccountID: Int] = [AccountID(7): 1, AccountID(2): 2, AccountID(UInt64.max): 3]
    var nestedMaps: [String: [String: Int]] = ["x": ["b": 1, "a": 2], "y": [:]]
    var emptyMap: [String: Int] = [:]
    var set: Set<Int> = [4, 1, 9, -3]
}

/// A struct with no stored properties.
struct Empty: Codable, Equatable {}

/// A type that reads its keys in another order than it writes them, and skips one.
struct Reordered: Codable, Equatable {
    var first: Int
    var second: String
    var third: [Int]

    enum CodingKeys: String, CodingKey { case first, second, third, unused }

    init(first: Int, second: String, third: [Int]) {
        self.first = first
        self.second = second
        self.third = third
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        third = try container.decode([Int].self, forKey: .third)
        first = try container.decode(Int.self, forKey: .first)
        second = try container.decode(String.self, forKey: .second)
        guard container.contains(.unused), container.allKeys.count == 4 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "keys lost"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(first, forKey: .first)
        try container.encode("skipped", forKey: .unused)
        try container.encode(second, forKey: .second)
        try container.encode(third, forKey: .third)
    }
}

/// Nested containers asked for by hand, and one value split over two conformances that share
/// the encoder's keyed container (as `Command` does).
struct HandNested: Codable, Equatable {
    var header: Int
    var pairs: [[Int]]
    var body: Texts

    enum CodingKeys: String, CodingKey { case header, inner, pairs }
    enum InnerKeys: String, CodingKey { case header }

    init(header: Int, pairs: [[Int]], body: Texts) {
        self.header = header
        self.pairs = pairs
        self.body = body
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        header = try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner).decode(Int.self, forKey: .header)
        var list = try container.nestedUnkeyedContainer(forKey: .pairs)
        var pairs: [[Int]] = []
        while !list.isAtEnd {
            var pair = try list.nestedUnkeyedContainer()
            pairs.append([try pair.decode(Int.self), try pair.decode(Int.self)])
        }
        self.pairs = pairs
        body = try Texts(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        try inner.encode(header, forKey: .header)
        var list = container.nestedUnkeyedContainer(forKey: .pairs)
        for pair in pairs {
            var nested = list.nestedUnkeyedContainer()
            try nested.encode(pair[0])
            try nested.encode(pair[1])
        }
        try body.encode(to: encoder)
    }
}

/// A subclass that keeps its parent's fields under `super`, as class hierarchies do by hand.
class Animal: Codable, Equatable {
    var name: String

    init(name: String) { self.name = name }

    static func == (lhs: Animal, rhs: Animal) -> Bool {
        lhs.name == rhs.name && (lhs as? Dog)?.barks == (rhs as? Dog)?.barks
    }
}

final class Dog: Animal {
    var barks: Int

    enum CodingKeys: String, CodingKey { case barks, parent }

    init(name: String, barks: Int) {
        self.barks = barks
        super.init(name: name)
    }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        barks = try container.decode(Int.self, forKey: .barks)
        try super.init(from: container.superDecoder(forKey: .parent))
        guard try Animal(from: container.superDecoder()).name == name else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "super differs"))
        }
    }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(barks, forKey: .barks)
        try super.encode(to: container.superEncoder(forKey: .parent))
        try super.encode(to: container.superEncoder())
    }
}

/// A super encoder in an unkeyed container, and one that is given nothing.
struct SuperElements: Codable, Equatable {
    var animals: [Animal]

    init(animals: [Animal]) { self.animals = animals }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard try container.superDecoder().singleValueContainer().decodeNil() else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "not nil"))
        }
        var animals: [Animal] = []
        while !container.isAtEnd { animals.append(try Animal(from: container.superDecoder())) }
        self.animals = animals
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        _ = container.superEncoder()
        for animal in animals { try animal.encode(to: container.superEncoder()) }
    }
}

/// Conformances that use containers out of order, which a format written as it goes cannot hold.
enum Misuse: Encodable, CaseIterable, Sendable {
    /// Writes to a nested container after its parent took another value.
    case nestedAfterParentMovedOn
    /// Asks for a keyed container, then writes a single value too.
    case keyedThenSingleValue
    /// Asks for a keyed container, then an unkeyed one.
    case keyedThenUnkeyed

    enum CodingKeys: CodingKey { case first, second }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .nestedAfterParentMovedOn:
            var container = encoder.container(keyedBy: CodingKeys.self)
            var nested = container.nestedUnkeyedContainer(forKey: .first)
            try nested.encode(1)
            try container.encode(2, forKey: .second)
            try nested.encode(3)
        case .keyedThenSingleValue:
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(1, forKey: .first)
            var single = encoder.singleValueContainer()
            try single.encode(2)
        case .keyedThenUnkeyed:
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(1, forKey: .first)
            var list = encoder.unkeyedContainer()
            try list.encode(2)
        }
    }
}
