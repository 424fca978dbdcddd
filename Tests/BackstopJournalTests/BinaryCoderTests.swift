import BackstopCore
import BackstopEngine
import BackstopJournal
import Foundation
import Testing

/// A named value to round-trip, made fresh for each run.
struct CodableCase: Sendable, CustomTestStringConvertible {
    let name: String
    let check: @Sendable () throws -> Void

    init<T: Codable & Equatable & SendableMetatype>(_ name: String, _ make: @escaping @Sendable () -> T) {
        self.name = name
        check = {
            let value = make()
            let bytes = try BinaryEncoder().encode(value)
            let decoded = try BinaryDecoder().decode(T.self, from: bytes)
            #expect(decoded == value)
            #expect(try BinaryEncoder().encode(decoded) == bytes, "the decoded value encodes to the same bytes")
        }
    }

    var testDescription: String { name }
}

@Suite("Binary coder")
struct BinaryCoderTests {
    static let shapes: [CodableCase] = [
        CodableCase("integers at their smallest") { Integers.smallest },
        CodableCase("integers at their largest") { Integers.largest },
        CodableCase("integers at the edges of one-byte and varint forms") { Integers.nearZero },
        CodableCase("a top-level integer") { -42 },
        CodableCase("a top-level string") { "alone" },
        CodableCase("strings: empty, unicode, longer than a one-byte length; bools") { Texts() },
        CodableCase("optionals absent and present, in keyed and unkeyed containers") { Optionals() },
        CodableCase("a top-level nil") { Int?.none },
        CodableCase("enumerations with raw values and with associated values") { Enumerations() },
        CodableCase("fixed-point numbers at their extremes, identifiers") { FixedPoints() },
        CodableCase("arrays, nested arrays, Deque, OrderedSet, dictionaries and sets") { CollectionsShape() },
        CodableCase("a struct with no fields") { Empty() },
        CodableCase("keys read out of order, one never read") { Reordered(first: 1, second: "two", third: [3]) },
        CodableCase("nested containers by hand, one value over two conformances") {
            HandNested(header: 7, pairs: [[1, 2], [3, -4]], body: Texts(long: "short"))
        },
        CodableCase("a subclass through superEncoder, with and without a key") { Dog(name: "Rex", barks: 3) },
        CodableCase("superEncoder in an unkeyed container, one left empty") {
            SuperElements(animals: [Animal(name: "a"), Animal(name: "b")])
        },
        CodableCase("commands, whose bodies share the command's keyed container") { try! ExampleCommands.all },
    ]

    @Test("round-trips and re-encodes to the same bytes", arguments: shapes)
    func roundTrip(_ shape: CodableCase) throws {
        try shape.check()
    }

    @Test("equal dictionaries give equal bytes however they were built")
    func dictionaryOrder() throws {
        let keys = (0..<500).map { "key\($0)" }
        let forward = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0.count) })
        var backward: [String: Int] = [:]
        for key in keys.reversed() { backward[key] = key.count }
        var grown: [String: Int] = [:]
        for key in keys + (0..<5_000).map({ "extra\($0)" }) { grown[key] = key.count }
        grown = grown.filter { !$0.key.hasPrefix("extra") }
        let bytes = try BinaryEncoder().encode(forward)
        #expect(try BinaryEncoder().encode(backward) == bytes)
        #expect(try BinaryEncoder().encode(grown) == bytes)
        #expect(try BinaryEncoder().encode(Set(keys)) == BinaryEncoder().encode(Set(keys.reversed())))
    }

    @Test("fixed-point numbers are their scaled integers, not decimal text")
    func fixedPointIsCompact() throws {
        let small = try BinaryEncoder().encode([Money(raw: 5), Money(raw: 127)])
        let negative = try BinaryEncoder().encode([Money(raw: -1)])
        let large = try BinaryEncoder().encode([Money(raw: .max)])
        // Version, tag, length and count, then one byte for each number below 128, a tag and a
        // varint for the others; then an empty key table and its offset.
        #expect(small.count == 1 + 3 + 2 + 1 + 8)
        #expect(negative.count == 1 + 3 + 2 + 1 + 8)
        #expect(large.count == 1 + 3 + 10 + 1 + 8)
    }

    @Test("field names are stored once, however many values use them")
    func keysStoredOnce() throws {
        let many = try BinaryEncoder().encode(Array(repeating: FixedPoints(), count: 100))
        #expect(String(decoding: many, as: UTF8.self).components(separatedBy: "quantity").count == 2)
    }

    enum Unsortable: Hashable, Codable { case a, b }

    /// A misuse as a test argument: not `Encodable` itself, since the testing library encodes
    /// such arguments as JSON, whose encoder traps on these.
    struct MisuseCase: Sendable, CustomTestStringConvertible {
        let misuse: Misuse
        var testDescription: String { "\(misuse)" }
    }

    @Test("containers used out of order are refused, not written wrong", arguments: Misuse.allCases.map(MisuseCase.init))
    func misuse(_ misuse: MisuseCase) {
        #expect(throws: EncodingError.self) { try BinaryEncoder().encode([misuse.misuse]) }
    }

    @Test("what cannot be written exactly or in a fixed order is refused")
    func refused() {
        #expect(throws: EncodingError.self) { try BinaryEncoder().encode([1.5]) }
        #expect(throws: EncodingError.self) { try BinaryEncoder().encode(["x": Float(1)]) }
        #expect(throws: EncodingError.self) { try BinaryEncoder().encode([Unsortable.a: 1, .b: 2]) }
        #expect(throws: EncodingError.self) { try BinaryEncoder().encode(Set([Unsortable.a])) }
    }
}
