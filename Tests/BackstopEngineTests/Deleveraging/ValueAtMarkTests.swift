@testable import BackstopEngine
import BackstopCore
import Testing

/// ``ValueAtMark`` against ``Quantity/value(at:rounding:)``: the exact value is the same, and the
/// bounds bracket it, on named extremes and on seeded random sizes and marks.
@Suite struct ValueAtMarkTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var size: Int64
        var mark: Int64
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "a zero size is worth nothing", size: 0, mark: 6_000_000_000_000),
        Case(name: "one raw unit at a one-unit mark truncates to zero", size: 1, mark: 1),
        Case(name: "a size near Int64.max at a one-raw-unit mark", size: .max - 1, mark: 1),
        Case(name: "Int64.max itself falls back to the fixed-point function", size: .max, mark: 1),
        Case(name: "one raw unit at the largest mark", size: 1, mark: .max),
        Case(name: "an exact product: the bound is the value", size: 12_345, mark: 100_000_000),
        Case(name: "one below an exact product: the bound is one too high", size: 12_345, mark: 99_999_999),
        Case(name: "a BTC-like position", size: 2_000_000, mark: 6_000_000_000_000),
        Case(name: "a size at 2ᵗ, where the bound may be two above: the fixed-point function",
             size: 1 << 45, mark: 6_000_000_000_000),
        Case(name: "a value just below 2⁶²", size: (1 << 62) / 7, mark: 700_000_000),
        Case(name: "a negative size rounds toward minus infinity", size: -12_345, mark: 99_999_999),
    ]

    @Test("the exact value is the fixed-point function's, and the bounds bracket it", arguments: cases)
    func value(_ test: Case) {
        let valuation = ValueAtMark(mark: Price(raw: test.mark))!
        let exact = Quantity(raw: test.size).value(at: Price(raw: test.mark), rounding: .down).raw
        #expect(valuation.value(test.size) == exact)
        if test.size > 0, test.size < valuation.sizeLimit {
            let upper = valuation.upper(test.size)
            #expect(upper >= exact || upper == ValueAtMark.limit)
            #expect(valuation.lower(test.size, upper: upper) <= exact)
        }
    }

    @Test("a mark that is not positive has no valuation")
    func nonPositiveMark() {
        #expect(ValueAtMark(mark: .zero) == nil)
        #expect(ValueAtMark(mark: Price(raw: -1)) == nil)
    }

    @Test("on seeded random sizes and marks of every bit length, the value is exact and bracketed")
    func random() {
        var generator = SplitMix64(seed: 0x7A1E)
        for _ in 0..<50_000 {
            let mark = Int64(bitPattern: generator.next() >> (generator.next() % 63 + 1))
            let size = Int64(bitPattern: generator.next() >> (generator.next() % 64 + 1))
            guard mark > 0, let exact = Quantity(raw: size).valueIfRepresentable(at: Price(raw: mark), rounding: .down)
            else { continue }
            let valuation = ValueAtMark(mark: Price(raw: mark))!
            #expect(valuation.value(size) == exact.raw, "\(size) at \(mark)")
            guard size > 0, size < valuation.sizeLimit else { continue }
            let upper = valuation.upper(size)
            guard upper < ValueAtMark.limit else { continue }
            let lower = valuation.lower(size, upper: upper)
            #expect(lower <= exact.raw && exact.raw <= upper, "\(size) at \(mark)")
            // At most ⌊s / 2ᵗ⌋ + 1 apart.
            #expect(upper - lower <= (size >> valuation.errorShift) + 1)
        }
    }
}
