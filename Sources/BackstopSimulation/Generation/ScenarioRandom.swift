import BackstopCore
import Foundation

/// SplitMix64 with the draws a scenario needs; every stream of a scenario derives from its seed.
struct ScenarioRandom: RandomNumberGenerator {
    private var generator: SplitMix64

    init(seed: UInt64, stream: UInt64) {
        generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ (stream &+ 0xD1B5_4A32_D192_ED03))
        _ = generator.next()
    }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// One of `choices` with probability proportional to its weight.
    mutating func weighted<Value>(_ choices: [(Value, Double)]) -> Value {
        let total = choices.reduce(0) { $0 + $1.1 }
        var draw = unit() * total
        for (value, weight) in choices {
            draw -= weight
            if draw < 0 { return value }
        }
        return choices[choices.count - 1].0
    }
}
