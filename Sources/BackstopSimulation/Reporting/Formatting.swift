import BackstopCore
import Foundation

/// Numbers as a risk officer reads them.
enum Formatting {
    /// Money with thousands separators and no decimals: `1,234,567`.
    static func money(_ value: Money) -> String {
        let units = (value.raw + (value.raw >= 0 ? Money.scale / 2 : -Money.scale / 2)) / Money.scale
        return grouped(units)
    }

    /// A whole number with thousands separators.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// A rate as a percentage with one decimal: `12.5%`.
    static func percent(_ rate: Rate) -> String { percent(Double(rate.raw) / Double(Rate.scale)) }

    /// A fraction as a percentage with one decimal.
    static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
}
