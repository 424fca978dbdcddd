import BackstopCore
import BackstopJournal
import Foundation
import Testing

/// A wallet as written, and as later readers expect it to be.
private struct Wallet: Codable, Sendable {
    var owner: String
    var balances: [Money]
    var limit: Int?
}

private struct Ledger<Entry: Decodable & Sendable>: Decodable, Sendable {
    var wallets: [Entry]
}

extension Ledger: Encodable where Entry: Encodable {}

private struct OwnedByNumber: Decodable { var owner: Int }
private struct WithBank: Decodable { var owner: String, bank: String }
private struct SmallLimit: Decodable { var limit: Int8? }
private struct RequiredLimit: Decodable { var limit: Int }
private struct PositiveBalances: Decodable { var balances: [UInt64] }
private struct NamedBalances: Decodable { var balances: [String: Money] }

/// Reads three balances where two were written.
private struct ThreeBalances: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var balances = try container.nestedUnkeyedContainer(forKey: .balances)
        for _ in 0..<3 { _ = try balances.decode(Money.self) }
    }

    enum CodingKeys: CodingKey { case balances }
}

/// What a reader finds wrong with bytes that do not hold what it asks for.
struct DecodingFailureCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The bytes to read, from the ledger's.
    let bytes: @Sendable ([UInt8]) -> [UInt8]
    /// Reads them, and returns the error.
    let read: @Sendable ([UInt8]) -> (any Error)?
    /// The start of the error's `pathDescription`.
    let expected: String

    init<T: Decodable & SendableMetatype>(
        _ name: String, as type: T.Type, bytes: @escaping @Sendable ([UInt8]) -> [UInt8] = { $0 }, expected: String
    ) {
        self.name = name
        self.bytes = bytes
        read = { bytes in
            do {
                _ = try BinaryDecoder().decode(T.self, from: bytes)
                return nil
            } catch {
                return error
            }
        }
        self.expected = expected
    }

    var testDescription: String { name }
}

@Suite("Binary decoding errors")
struct BinaryDecodingErrorTests {
    fileprivate static let ledger = Ledger(wallets: [
        Wallet(owner: "alice", balances: [Money(units: 5), Money("-0.5")!], limit: nil),
        Wallet(owner: "bob", balances: [], limit: 300),
    ])

    static let cases: [DecodingFailureCase] = [
        DecodingFailureCase("a string where a number is wanted", as: Ledger<OwnedByNumber>.self,
                            expected: "wallets[0].owner: expected Int, found a string"),
        DecodingFailureCase("a missing key", as: Ledger<WithBank>.self, expected: "wallets[0]: bank: missing"),
        DecodingFailureCase("a number out of range for its type", as: Ledger<SmallLimit>.self,
                            expected: "wallets[1].limit: 300 is out of range for Int8"),
        DecodingFailureCase("nil where a value must be", as: Ledger<RequiredLimit>.self,
                            expected: "wallets[0].limit: expected Int, found nil"),
        DecodingFailureCase("a negative number for an unsigned type", as: Ledger<PositiveBalances>.self,
                            expected: "wallets[0].balances[1]: -50000000 is out of range for UInt64"),
        DecodingFailureCase("an unkeyed container where a keyed one is wanted", as: Ledger<NamedBalances>.self,
                            expected: "wallets[0].balances: expected Dictionary<String, Any>, found an unkeyed container"),
        DecodingFailureCase("more elements asked for than written", as: Ledger<ThreeBalances>.self,
                            expected: "wallets[0].balances[2]: the unkeyed container has no more elements"),
        DecodingFailureCase("no bytes", as: Ledger<Wallet>.self, bytes: { _ in [] }, expected: "no bytes"),
        DecodingFailureCase("JSON", as: Ledger<Wallet>.self, bytes: { _ in Array(#"{"wallets":[]}"#.utf8) },
                            expected: "not a binary document of version 1"),
        DecodingFailureCase("bytes cut short", as: Ledger<Wallet>.self, bytes: { Array($0.dropLast(3)) },
                            expected: "the string table's offset"),
        DecodingFailureCase("a string table cut short", as: Ledger<Wallet>.self,
                            bytes: { bytes in
                                var bytes = bytes
                                bytes.remove(at: bytes.count - 10)
                                return bytes
                            },
                            expected: "the string table is damaged"),
        DecodingFailureCase("the value's length runs past the string table", as: Ledger<Wallet>.self,
                            bytes: { bytes in
                                var bytes = bytes
                                bytes[2] += 20
                                return bytes
                            },
                            expected: "the bytes end inside a value"),
    ]

    @Test("damaged or mismatched bytes throw a DecodingError that names the value", arguments: cases)
    func failure(_ failure: DecodingFailureCase) throws {
        let bytes = failure.bytes(try BinaryEncoder().encode(Self.ledger))
        let error = try #require(failure.read(bytes))
        let decodingError = try #require(error as? DecodingError)
        #expect(decodingError.pathDescription.hasPrefix(failure.expected), "\(decodingError.pathDescription)")
    }

    @Test("the ledger itself reads back, and a missing optional key reads as nil")
    func soundBytes() throws {
        let bytes = try BinaryEncoder().encode(Self.ledger)
        let wallets = try BinaryDecoder().decode(Ledger<Wallet>.self, from: bytes).wallets
        #expect(wallets.map(\.owner) == ["alice", "bob"])
        #expect(wallets.map(\.limit) == [nil, 300])
        struct Later: Codable { var owner: String; var nickname: String? }
        #expect(try BinaryDecoder().decode(Ledger<Later>.self, from: bytes).wallets.map(\.nickname) == [nil, nil])
    }
}
