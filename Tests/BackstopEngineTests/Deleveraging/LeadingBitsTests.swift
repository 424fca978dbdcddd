@testable import BackstopEngine
import BackstopCore
import Testing

/// ``LeadingBits`` against exact integers: each rounding lands on its side of the exact value and
/// within one unit of the 32nd bit of it, on named extremes and on seeded random products and quotients.
@Suite struct LeadingBitsTests {
    /// The sign of `significand × 2^exponent − value`, exactly (for bounds of integers below 2¹²⁸).
    static func compare(significand: UInt64, exponent: Int, _ value: UInt128) -> Int {
        if significand == 0 { return value == 0 ? 0 : -1 }
        if exponent < 0 {
            // Only integers are bounded here: a negative exponent holds a value below 2³², whose bits
            // below the point are zero when it is exact.
            let whole = UInt128(significand >> UInt64(-exponent))
            let fraction = significand & ((1 << UInt64(-exponent)) - 1)
            if whole != value { return whole < value ? -1 : 1 }
            return fraction == 0 ? 0 : 1
        }
        // Beyond every 128-bit value once its bit length passes 128.
        if 64 - significand.leadingZeroBitCount + exponent > 128 { return 1 }
        let bound = UInt128(significand) << exponent
        return bound == value ? 0 : (bound < value ? -1 : 1)
    }

    /// Whether `bits` is on the `direction` side of `value` and within one unit of its last place.
    static func bounds(_ bits: LeadingBits, _ value: UInt128, _ direction: LeadingBits.Direction) -> Bool {
        if value == 0 { return bits == .zero }
        guard bits.significand >= 1 << 31, bits.significand < 1 << 32 else { return false }
        switch direction {
        case .up:
            return compare(significand: bits.significand, exponent: bits.exponent, value) >= 0
                && compare(significand: bits.significand - 1, exponent: bits.exponent, value) < 0
        case .down:
            return compare(significand: bits.significand, exponent: bits.exponent, value) <= 0
                && compare(significand: bits.significand + 1, exponent: bits.exponent, value) > 0
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var value: UInt128
        var up: (significand: UInt64, exponent: Int)
        var down: (significand: UInt64, exponent: Int)
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "zero is exact", value: 0, up: (0, -(1 << 30)), down: (0, -(1 << 30))),
        Case(name: "one is exact", value: 1, up: (1 << 31, -31), down: (1 << 31, -31)),
        Case(name: "32 bits are exact", value: 0xFFFF_FFFF, up: (0xFFFF_FFFF, 0), down: (0xFFFF_FFFF, 0)),
        Case(name: "one bit below the 32 kept: up adds a unit", value: (1 << 32) + 1, up: ((1 << 31) + 1, 1), down: (1 << 31, 1)),
        Case(name: "a power of two is exact", value: 1 << 100, up: (1 << 31, 69), down: (1 << 31, 69)),
        Case(name: "Int64.max: the carry moves up a power of two", value: UInt128(Int64.max),
             up: (1 << 31, 32), down: (0xFFFF_FFFF, 31)),
        Case(name: "UInt64.max", value: UInt128(UInt64.max), up: (1 << 31, 33), down: (0xFFFF_FFFF, 32)),
        Case(name: "a set bit only in the low word of a wide value", value: (1 << 90) + 1,
             up: ((1 << 31) + 1, 59), down: (1 << 31, 59)),
        Case(name: "UInt128.max", value: .max, up: (1 << 31, 97), down: (0xFFFF_FFFF, 96)),
    ]

    @Test("rounding an integer keeps its leading 32 bits, rounded to the named side", arguments: cases)
    func rounding(_ test: Case) {
        let up = LeadingBits(test.value, rounding: .up)
        let down = LeadingBits(test.value, rounding: .down)
        #expect(up.significand == test.up.significand && up.exponent == test.up.exponent, "\(up)")
        #expect(down.significand == test.down.significand && down.exponent == test.down.exponent, "\(down)")
        #expect(Self.bounds(up, test.value, .up))
        #expect(Self.bounds(down, test.value, .down))
        if let narrow = UInt64(exactly: test.value) {
            #expect(LeadingBits(narrow, rounding: .up) == up)
            #expect(LeadingBits(narrow, rounding: .down) == down)
        }
    }

    /// A value of a random bit length, often with long runs of ones or zeros (where carries happen).
    static func draw(_ generator: inout SplitMix64) -> UInt64 {
        let length = generator.next() % 65
        let value = length == 0 ? 0 : generator.next() >> (64 - length)
        switch generator.next() % 4 {
        case 0: return value | ((1 << (length / 2)) - 1)
        case 1: return value & ~((1 << (length / 2)) - 1)
        default: return value
        }
    }

    @Test("a product of two rounded factors bounds the exact product, and the keys order the values")
    func products() {
        var generator = SplitMix64(seed: 0x1EAD)
        for _ in 0..<20_000 {
            let (a, b) = (Self.draw(&generator), Self.draw(&generator))
            let exact = UInt128(a) * UInt128(b)
            #expect(Self.bounds(LeadingBits(exact, rounding: .up), exact, .up), "\(a) × \(b)")
            #expect(Self.bounds(LeadingBits(exact, rounding: .down), exact, .down), "\(a) × \(b)")
            let up = LeadingBits(a, rounding: .up).times(LeadingBits(b, rounding: .up), rounding: .up)
            let down = LeadingBits(a, rounding: .down).times(LeadingBits(b, rounding: .down), rounding: .down)
            #expect(Self.compare(significand: up.significand, exponent: up.exponent, exact) >= 0, "\(a) × \(b) up")
            #expect(Self.compare(significand: down.significand, exponent: down.exponent, exact) <= 0, "\(a) × \(b) down")
            // Three roundings: within (1 ± 2⁻³¹)³, so within 2⁻²⁹ of the product.
            if exact < UInt128(1) << 126 {
                #expect(Self.compare(significand: up.significand, exponent: up.exponent, exact + exact >> 29) <= 0)
            }
            #expect(Self.compare(significand: down.significand, exponent: down.exponent, exact - exact >> 29) >= 0)
            let (x, y) = (UInt128(a) << Int(generator.next() % 64), UInt128(b))
            #expect((LeadingBits(x, rounding: .down) <= LeadingBits(y, rounding: .down)) == (x <= y)
                || LeadingBits(x, rounding: .down) == LeadingBits(y, rounding: .down), "\(x) against \(y)")
            #expect(LeadingBits(key: LeadingBits(x, rounding: .up).key) == LeadingBits(x, rounding: .up))
        }
    }

    @Test("a quotient rounded up is at or above the exact one, rounded down at or below it")
    func quotients() {
        var generator = SplitMix64(seed: 0xD1F1)
        for _ in 0..<20_000 {
            let (a, b) = (Self.draw(&generator), max(1, Self.draw(&generator)))
            let numerator = LeadingBits(a, rounding: .up)
            let denominator = LeadingBits(b, rounding: .down)
            for direction in [LeadingBits.Direction.up, .down] {
                let quotient = numerator.divided(by: denominator, rounding: direction)
                // quotient × denominator against the numerator, as integers over a common power of two.
                let product = UInt128(quotient.significand) * UInt128(denominator.significand)
                let shift = quotient.exponent + denominator.exponent - numerator.exponent
                guard a != 0 else {
                    #expect(quotient == .zero)
                    continue
                }
                #expect((0...40).contains(shift + 64), "\(a) / \(b)")
                let left = shift >= 0 ? product << shift : product
                let right = shift >= 0 ? UInt128(numerator.significand) : UInt128(numerator.significand) << -shift
                #expect(direction == .up ? left >= right : left <= right, "\(a) / \(b) \(direction)")
            }
        }
    }

    @Test("an integer at most a bound, clamped to a limit")
    func integers() {
        #expect(LeadingBits.zero.integer(atMost: 10) == 0)
        #expect(LeadingBits(UInt64(12_345), rounding: .down).integer(atMost: .max) == 12_345)
        #expect(LeadingBits(UInt128(1) << 120, rounding: .down).integer(atMost: .max) == UInt128(1) << 120)
        #expect(LeadingBits(UInt128.max, rounding: .up).integer(atMost: 77) == 77)
        #expect(LeadingBits(UInt64(3), rounding: .up).divided(by: LeadingBits(UInt64(2), rounding: .down), rounding: .up)
            .integer(atMost: .max) == 1)
    }
}
