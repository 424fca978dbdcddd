import BackstopCore
import BackstopEngine

/// The parameters of a request, from its query string and its form body together, as Binance reads
/// them, with the exact text that was signed.
public struct RequestParameters: Sendable {
    /// Name and value pairs in the order sent, percent-decoded.
    public private(set) var pairs: [(name: String, value: String)]
    /// The query string and the body concatenated, without the `signature` parameter: what the
    /// client signed (Binance's `totalParams`).
    public private(set) var signedText: String
    /// The `signature` parameter, if one was sent.
    public private(set) var signature: String?

    /// Reads a raw query string (without `?`) and a raw form body.
    ///
    /// - Throws: ``APIError`` -1100 for a malformed escape, -1101 for a parameter given twice.
    public init(query: String, body: String) throws(APIError) {
        pairs = []
        signedText = ""
        signature = nil
        var seen: Set<String> = []
        for part in [query, body] {
            var kept: [Substring] = []
            for component in part.split(separator: "&", omittingEmptySubsequences: true) {
                let halves = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = try Self.decode(halves[0], name: String(halves[0]))
                let value = halves.count > 1 ? try Self.decode(halves[1], name: name) : ""
                guard seen.insert(name).inserted else { throw APIError.duplicated(name) }
                if name == "signature" {
                    signature = value
                } else {
                    kept.append(component)
                    pairs.append((name, value))
                }
            }
            signedText += kept.joined(separator: "&")
        }
    }

    /// Reads a raw query string and a body that is not a form, such as JSON: the body adds no
    /// parameters, but it is signed as sent, after the query string (Binance's `totalParams`), so
    /// that a route reading it reads what the client signed.
    ///
    /// - Throws: ``APIError`` as ``init(query:body:)`` does for the query string.
    public init(query: String, signedBody: String) throws(APIError) {
        try self.init(query: query, body: "")
        signedText += signedBody
    }

    /// The value of `name`, if sent and not empty.
    public subscript(name: String) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name`, which must be sent.
    ///
    /// - Throws: ``APIError`` -1102 when it is missing or empty.
    public func required(_ name: String) throws(APIError) -> String {
        guard let value = self[name] else { throw APIError.missing(name) }
        return value
    }

    /// A decimal parameter, such as a price or a quantity.
    ///
    /// - Throws: ``APIError`` -1100 when it is not a plain decimal, -1111 when it has more digits
    ///   than the kind holds.
    public func decimal<Value: FixedPointDecimal>(_ name: String, as kind: Value.Type = Value.self) throws(APIError) -> Value? {
        guard let text = self[name] else { return nil }
        do {
            return try Value.parse(text)
        } catch {
            if case .tooPrecise = error { throw APIError.precision(name) }
            throw APIError.illegalCharacters(name, "\(error)")
        }
    }

    /// A whole-number parameter.
    ///
    /// - Throws: ``APIError`` -1100 when it is not a whole number in range.
    public func integer(_ name: String, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws(APIError) -> Int64? {
        guard let text = self[name] else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw APIError.illegalCharacters(name, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A boolean parameter, `true` or `false` as Binance spells them.
    public func boolean(_ name: String) throws(APIError) -> Bool? {
        guard let text = self[name] else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw APIError.illegalCharacters(name, "expected true or false")
        }
    }

    private static func decode(_ text: Substring, name: String) throws(APIError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw APIError.illegalCharacters(name, "malformed percent escape")
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw APIError.illegalCharacters(name, "not UTF-8")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
