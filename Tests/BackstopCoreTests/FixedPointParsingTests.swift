import BackstopCore
import Foundation
import Testing

@Suite("Fixed-point parsing and printing")
struct FixedPointParsingTests {
    struct Exact: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let raw: Int64
        /// What `description` prints back (the shortest form).
        let printed: String
        var testDescription: String { name }
    }

    static let exactCases: [Exact] = [
        Exact(name: "price with one decimal", text: "65000.1", raw: 6_500_010_000_000, printed: "65000.1"),
        Exact(name: "lot size", text: "0.001", raw: 100_000, printed: "0.001"),
        Exact(name: "negative half", text: "-0.5", raw: -50_000_000, printed: "-0.5"),
        Exact(name: "whole number", text: "12", raw: 1_200_000_000, printed: "12"),
        Exact(name: "smallest unit", text: "0.00000001", raw: 1, printed: "0.00000001"),
        Exact(name: "negative smallest unit", text: "-0.00000001", raw: -1, printed: "-0.00000001"),
        Exact(name: "zero", text: "0", raw: 0, printed: "0"),
        Exact(name: "negative zero is zero", text: "-0", raw: 0, printed: "0"),
        Exact(name: "explicit plus sign", text: "+3.25", raw: 325_000_000, printed: "3.25"),
        Exact(name: "trailing zeros dropped", text: "1.50000000", raw: 150_000_000, printed: "1.5"),
        Exact(name: "zeros past precision accepted", text: "2.0000000000", raw: 200_000_000, printed: "2"),
        Exact(name: "leading zeros", text: "007.5", raw: 750_000_000, printed: "7.5"),
        Exact(name: "inner zeros kept", text: "10.00000101", raw: 1_000_000_101, printed: "10.00000101"),
        Exact(name: "largest value", text: "92233720368.54775807", raw: .max, printed: "92233720368.54775807"),
        Exact(name: "most negative parsable", text: "-92233720368.54775807", raw: -.max,
              printed: "-92233720368.54775807"),
    ]

    @Test("parses exactly and prints the shortest form", arguments: exactCases)
    func exact(_ c: Exact) throws {
        let value = try Money.parse(c.text)
        #expect(value.raw == c.raw)
        #expect(value.description == c.printed)
        #expect(try Money.parse(value.description) == value)
        #expect(Price(c.text)?.raw == c.raw)
        #expect(Quantity(c.text)?.raw == c.raw)
        #expect(Rate(c.text)?.raw == c.raw)
    }

    struct Rejected: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let error: DecimalParseError
        var testDescription: String { name }
    }

    static let rejectedCases: [Rejected] = [
        Rejected(name: "empty", text: "", error: .malformed("")),
        Rejected(name: "trailing point", text: "1.", error: .malformed("1.")),
        Rejected(name: "leading point", text: ".5", error: .malformed(".5")),
        Rejected(name: "exponent", text: "1e5", error: .malformed("1e5")),
        Rejected(name: "two points", text: "1..2", error: .malformed("1..2")),
        Rejected(name: "two separated points", text: "1.2.3", error: .malformed("1.2.3")),
        Rejected(name: "leading space", text: " 1", error: .malformed(" 1")),
        Rejected(name: "trailing space", text: "1 ", error: .malformed("1 ")),
        Rejected(name: "sign only", text: "-", error: .malformed("-")),
        Rejected(name: "double sign", text: "--1", error: .malformed("--1")),
        Rejected(name: "sign after digits", text: "1-", error: .malformed("1-")),
        Rejected(name: "comma separator", text: "1,000", error: .malformed("1,000")),
        Rejected(name: "non-ASCII digit", text: "١", error: .malformed("١")),
        Rejected(name: "nine decimals", text: "0.000000001", error: .tooPrecise("0.000000001", maximumDecimals: 8)),
        Rejected(name: "nonzero digit after zeros past precision", text: "1.0000000001",
                 error: .tooPrecise("1.0000000001", maximumDecimals: 8)),
        Rejected(name: "twenty nines", text: "99999999999999999999",
                 error: .outOfRange("99999999999999999999")),
        Rejected(name: "one unit above the largest", text: "92233720368.54775808",
                 error: .outOfRange("92233720368.54775808")),
        Rejected(name: "whole part too large to scale", text: "92233720369",
                 error: .outOfRange("92233720369")),
    ]

    @Test("rejects with the exact error", arguments: rejectedCases)
    func rejected(_ c: Rejected) {
        #expect(throws: c.error) { try Money.parse(c.text) }
        #expect(Money(c.text) == nil)
    }

    struct Formatted: Sendable, CustomTestStringConvertible {
        let name: String
        let value: String
        let places: Int
        let expected: String
        var testDescription: String { name }
    }

    static let formattedCases: [Formatted] = [
        Formatted(name: "pads a whole number", value: "12", places: 2, expected: "12.00"),
        Formatted(name: "pads one decimal", value: "65000.1", places: 2, expected: "65000.10"),
        Formatted(name: "pads to eight", value: "0.001", places: 8, expected: "0.00100000"),
        Formatted(name: "pads a negative", value: "-0.5", places: 3, expected: "-0.500"),
        Formatted(name: "zero places leaves a whole number", value: "12", places: 0, expected: "12"),
        Formatted(name: "exact width unchanged", value: "1.25", places: 2, expected: "1.25"),
        Formatted(name: "zero padded", value: "0", places: 1, expected: "0.0"),
    ]

    @Test("formatted(places:) pads with zeros", arguments: formattedCases)
    func formatted(_ c: Formatted) {
        #expect(money(c.value).formatted(places: c.places) == c.expected)
    }

    @Test("JSON: decodes strings and whole-unit integers, encodes exact strings")
    func json() throws {
        let decoded = try JSONDecoder().decode([Price].self, from: Data(#"["65000.1", 12, -3]"#.utf8))
        #expect(decoded == [price("65000.1"), price("12"), price("-3")])
        let encoded = try JSONEncoder().encode([money("-0.5"), money("0.00000001")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["-0.5","0.00000001"]"#)
    }

    struct BadJSON: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        var testDescription: String { name }
    }

    static let badJSONCases: [BadJSON] = [
        BadJSON(name: "exponent string", json: #"["1e5"]"#),
        BadJSON(name: "too precise string", json: #"["0.000000001"]"#),
        BadJSON(name: "integer too large to scale", json: "[92233720369]"),
        BadJSON(name: "JSON fraction", json: "[0.5]"),
    ]

    @Test("JSON: rejects what parse rejects", arguments: badJSONCases)
    func badJSON(_ c: BadJSON) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Money].self, from: Data(c.json.utf8))
        }
    }
}
