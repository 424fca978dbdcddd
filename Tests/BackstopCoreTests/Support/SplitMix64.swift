import BackstopCore

/// Draws for the property tests. They use `next()` only, never the standard library's
/// `random(in:using:)`, whose algorithm may change between toolchains.
extension SplitMix64 {
    /// A value in `0..<bound` (the modulo bias is irrelevant here).
    mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        return next() % bound
    }

    /// A value in `range`.
    mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        let offset = width == 0 ? next() : below(width)
        return range.lowerBound &+ Int64(bitPattern: offset)
    }

    mutating func bool() -> Bool { next() & 1 == 1 }

    /// A signed value whose magnitude has a random bit length in `1...maxBits` (at most 63).
    mutating func signedInt64(maxBits: Int = 63) -> Int64 {
        precondition((1...63).contains(maxBits))
        let bits = 1 + Int(below(UInt64(maxBits)))
        let magnitude = Int64(next() >> UInt64(64 - bits))
        return bool() ? -magnitude : magnitude
    }

    /// A signed value whose magnitude has a random bit length in `1...maxBits` (at most 126).
    mutating func signedInt128(maxBits: Int) -> Int128 {
        precondition((1...126).contains(maxBits))
        let bits = 1 + Int(below(UInt64(maxBits)))
        let wide = (UInt128(next()) << 64) | UInt128(next())
        let magnitude = Int128(wide >> UInt128(128 - bits))
        return bool() ? -magnitude : magnitude
    }

    mutating func element<T>(of array: [T]) -> T { array[Int(below(UInt64(array.count)))] }
}
