import BackstopCore
import BigInt

/// Exact reference arithmetic on `BigInt`, written without `FixedPointMath`.
enum Oracle {
    /// `10^8`, the scale of every fixed-point kind.
    static let scale = BigInt(100_000_000)
    static let int64Min = BigInt(Int64.min)
    static let int64Max = BigInt(Int64.max)

    /// `numerator / denominator` rounded as `rule` says, built on floor division.
    static func divide(_ numerator: BigInt, _ denominator: BigInt, _ rule: RoundingRule) -> BigInt {
        precondition(denominator != 0)
        var n = numerator
        var d = denominator
        if d < 0 {
            n = -n
            d = -d
        }
        var (floor, rest) = n.quotientAndRemainder(dividingBy: d)
        if rest < 0 {
            floor -= 1
            rest += d
        }
        // Now n = floor × d + rest with 0 <= rest < d.
        if rest == 0 { return floor }
        let ceiling = floor + 1
        switch rule {
        case .down: return floor
        case .up: return ceiling
        case .towardZero: return n >= 0 ? floor : ceiling
        case .awayFromZero: return n >= 0 ? ceiling : floor
        case .halfEven:
            let twice = rest * 2
            if twice < d { return floor }
            if twice > d { return ceiling }
            return floor % 2 == 0 ? floor : ceiling
        }
    }

    static func fitsInt64(_ value: BigInt) -> Bool { value >= int64Min && value <= int64Max }

    /// The shortest exact decimal text of `raw / 10^8`, by string manipulation.
    static func description(raw: Int64) -> String {
        let value = BigInt(raw)
        let negative = value < 0
        var digits = String(negative ? -value : value)
        if digits.count < 9 { digits = String(repeating: "0", count: 9 - digits.count) + digits }
        let whole = String(digits.dropLast(8))
        var fraction = String(digits.suffix(8))
        while fraction.last == "0" { fraction.removeLast() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}

/// Collects mismatches of a property run and reports the first few in one expectation.
struct Mismatches {
    private(set) var count = 0
    private(set) var samples: [String] = []

    mutating func record(_ message: @autoclosure () -> String) {
        count += 1
        if samples.count < 5 { samples.append(message()) }
    }

    var summary: String { "\(count) mismatches, first: \(samples.joined(separator: " | "))" }
}
