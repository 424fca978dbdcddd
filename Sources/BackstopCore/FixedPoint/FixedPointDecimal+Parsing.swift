/// Why a decimal string could not be read as a fixed-point value.
public enum DecimalParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty or holds something other than an optional sign, digits and one point.
    case malformed(String)
    /// The text has more digits after the point than the type keeps.
    case tooPrecise(String, maximumDecimals: Int)
    /// The value does not fit.
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let text): "'\(text)' is not a decimal number"
        case .tooPrecise(let text, let decimals): "'\(text)' has more than \(decimals) decimal places"
        case .outOfRange(let text): "'\(text)' is out of range"
        }
    }
}

extension FixedPointDecimal {
    /// Parses an exact decimal such as `"65000.1"`, `"-0.001"` or `"12"`.
    ///
    /// Exponents, spaces, and digits beyond the type's precision are rejected: nothing is rounded
    /// silently.
    public static func parse(_ text: String) throws(DecimalParseError) -> Self {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        var magnitude: UInt64 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if sawPoint { throw .malformed(text) }
                sawPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .malformed(text) }
            let digit = UInt64(byte - UInt8(ascii: "0"))
            if sawPoint {
                fractionDigits += 1
                if fractionDigits > decimals {
                    if digit != 0 { throw .tooPrecise(text, maximumDecimals: decimals) }
                    continue
                }
            } else {
                integerDigits += 1
            }
            let (shifted, overflowShift) = magnitude.multipliedReportingOverflow(by: 10)
            let (added, overflowAdd) = shifted.addingReportingOverflow(digit)
            if overflowShift || overflowAdd { throw .outOfRange(text) }
            magnitude = added
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0 else { throw .malformed(text) }
        let keptFraction = min(fractionDigits, decimals)
        let (scaled, overflow) = magnitude.multipliedReportingOverflow(
            by: UInt64(FixedPointMath.powersOfTen[decimals - keptFraction]))
        if overflow { throw .outOfRange(text) }
        // Int64.min is out of range too: it has no magnitude, so no value of ours may hold it.
        guard scaled <= UInt64(Int64.max) else { throw .outOfRange(text) }
        return Self(raw: negative ? -Int64(scaled) : Int64(scaled))
    }

    /// Parses an exact decimal string, or returns `nil` if it is not one.
    public init?(_ description: String) {
        guard let value = try? Self.parse(description) else { return nil }
        self = value
    }

    /// The shortest exact decimal text: `"65000.1"`, `"-0.001"`, `"12"`.
    public var description: String {
        let scale = Self.scale
        let magnitude = raw.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        let sign = raw < 0 ? "-" : ""
        guard fraction != 0 else { return sign + String(whole) }
        var digits = Self.decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        let padding = String(repeating: "0", count: digits - fractionText.count)
        return "\(sign)\(whole).\(padding)\(fractionText)"
    }

    /// The value with exactly `places` decimals, padded with zeros (Binance's fixed-width style).
    ///
    /// - Precondition: `places` is at least the number of significant decimals.
    public func formatted(places: Int) -> String {
        let text = description
        let pointIndex = text.firstIndex(of: ".")
        let existing = pointIndex.map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        guard places > existing else { return text }
        return (pointIndex == nil ? text + "." : text) + String(repeating: "0", count: places - existing)
    }
}

extension FixedPointDecimal {
    /// Decodes from a JSON string such as `"65000.1"` or from a JSON integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do {
                self = try Self.parse(text)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
            }
            return
        }
        let units = try container.decode(Int64.self)
        guard let value = Self(exactlyUnits: units) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(units) is out of range")
        }
        self = value
    }

    /// Encodes as an exact decimal JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
