import BackstopCore
import Testing

@Suite("Rounding rules")
struct RoundingRuleTests {
    struct Division: Sendable, CustomTestStringConvertible {
        let name: String
        let numerator: Int128
        let denominator: Int128
        /// Expected quotient for towardZero, awayFromZero, down, up, halfEven.
        let expected: [RoundingRule: Int128]
        var testDescription: String { name }

        init(_ name: String, _ numerator: Int128, _ denominator: Int128,
             towardZero: Int128, awayFromZero: Int128, down: Int128, up: Int128, halfEven: Int128) {
            self.name = name
            self.numerator = numerator
            self.denominator = denominator
            expected = [.towardZero: towardZero, .awayFromZero: awayFromZero, .down: down, .up: up,
                        .halfEven: halfEven]
        }
    }

    static let divisions: [Division] = [
        Division("exact positive 6/3", 6, 3, towardZero: 2, awayFromZero: 2, down: 2, up: 2, halfEven: 2),
        Division("exact negative -6/3", -6, 3, towardZero: -2, awayFromZero: -2, down: -2, up: -2, halfEven: -2),
        Division("zero 0/5", 0, 5, towardZero: 0, awayFromZero: 0, down: 0, up: 0, halfEven: 0),
        Division("below half 17/5 = 3.4", 17, 5, towardZero: 3, awayFromZero: 4, down: 3, up: 4, halfEven: 3),
        Division("above half 18/5 = 3.6", 18, 5, towardZero: 3, awayFromZero: 4, down: 3, up: 4, halfEven: 4),
        Division("negative below half -17/5 = -3.4", -17, 5,
                 towardZero: -3, awayFromZero: -4, down: -4, up: -3, halfEven: -3),
        Division("negative above half -18/5 = -3.6", -18, 5,
                 towardZero: -3, awayFromZero: -4, down: -4, up: -3, halfEven: -4),
        Division("tie to even below 5/2 = 2.5", 5, 2, towardZero: 2, awayFromZero: 3, down: 2, up: 3, halfEven: 2),
        Division("tie to even above 7/2 = 3.5", 7, 2, towardZero: 3, awayFromZero: 4, down: 3, up: 4, halfEven: 4),
        Division("negative tie -5/2 = -2.5", -5, 2, towardZero: -2, awayFromZero: -3, down: -3, up: -2, halfEven: -2),
        Division("negative tie -7/2 = -3.5", -7, 2, towardZero: -3, awayFromZero: -4, down: -4, up: -3, halfEven: -4),
        Division("tie at zero 1/2 = 0.5", 1, 2, towardZero: 0, awayFromZero: 1, down: 0, up: 1, halfEven: 0),
        Division("negative tie at zero -1/2", -1, 2, towardZero: 0, awayFromZero: -1, down: -1, up: 0, halfEven: 0),
        Division("tie 3/2 = 1.5", 3, 2, towardZero: 1, awayFromZero: 2, down: 1, up: 2, halfEven: 2),
        Division("negative tie -3/2 = -1.5", -3, 2, towardZero: -1, awayFromZero: -2, down: -2, up: -1, halfEven: -2),
        Division("small fraction 1/3", 1, 3, towardZero: 0, awayFromZero: 1, down: 0, up: 1, halfEven: 0),
        Division("negative small fraction -1/3", -1, 3, towardZero: 0, awayFromZero: -1, down: -1, up: 0, halfEven: 0),
        Division("negative denominator 7/-2 = -3.5", 7, -2,
                 towardZero: -3, awayFromZero: -4, down: -4, up: -3, halfEven: -4),
        Division("both negative -7/-2 = 3.5", -7, -2, towardZero: 3, awayFromZero: 4, down: 3, up: 4, halfEven: 4),
        Division("both negative -17/-5 = 3.4", -17, -5, towardZero: 3, awayFromZero: 4, down: 3, up: 4, halfEven: 3),
        // (2^100 + 1) / 2 = 2^99 + 0.5: a tie far beyond Int64; 2^99 is even.
        Division("wide tie (2^100 + 1) / 2", (Int128(1) << 100) + 1, 2,
                 towardZero: Int128(1) << 99, awayFromZero: (Int128(1) << 99) + 1,
                 down: Int128(1) << 99, up: (Int128(1) << 99) + 1, halfEven: Int128(1) << 99),
        // Int64.max² / Int64.max = Int64.max exactly.
        Division("wide exact Int64.max² / Int64.max", Int128(Int64.max) * Int128(Int64.max), Int128(Int64.max),
                 towardZero: Int128(Int64.max), awayFromZero: Int128(Int64.max), down: Int128(Int64.max),
                 up: Int128(Int64.max), halfEven: Int128(Int64.max)),
    ]

    static let rules = RoundingRule.allCases

    @Test("FixedPointMath.divide", arguments: divisions, rules)
    func divide(_ c: Division, _ rule: RoundingRule) {
        #expect(FixedPointMath.divide(c.numerator, by: c.denominator, rounding: rule) == c.expected[rule])
    }

    @Test("every rule is covered")
    func allRules() {
        #expect(Set(RoundingRule.allCases) == [.towardZero, .awayFromZero, .down, .up, .halfEven])
    }

    struct Step: Sendable, CustomTestStringConvertible {
        let name: String
        let value: String
        let step: String
        let rule: RoundingRule
        let expected: String
        var testDescription: String { name }
    }

    static let steps: [Step] = [
        Step(name: "price down to tick", value: "65000.15", step: "0.1", rule: .down, expected: "65000.1"),
        Step(name: "price up to tick", value: "65000.11", step: "0.1", rule: .up, expected: "65000.2"),
        Step(name: "tie to even tick up", value: "65000.15", step: "0.1", rule: .halfEven, expected: "65000.2"),
        Step(name: "tie to even tick down", value: "65000.25", step: "0.1", rule: .halfEven, expected: "65000.2"),
        Step(name: "on grid unchanged", value: "65000.3", step: "0.1", rule: .up, expected: "65000.3"),
        Step(name: "negative toward zero", value: "-1.2345", step: "0.001", rule: .towardZero, expected: "-1.234"),
        Step(name: "negative down", value: "-1.2345", step: "0.001", rule: .down, expected: "-1.235"),
        Step(name: "negative away from zero", value: "-1.2341", step: "0.001", rule: .awayFromZero,
             expected: "-1.235"),
    ]

    @Test("rounded(toMultipleOf:) snaps to the grid", arguments: steps)
    func step(_ c: Step) {
        let result = price(c.value).rounded(toMultipleOf: price(c.step), c.rule)
        #expect(result == price(c.expected))
        #expect(result.isMultiple(of: price(c.step)))
    }

    @Test("isMultiple(of:) on and off the grid, and with a zero step")
    func isMultiple() {
        #expect(quantity("1.234").isMultiple(of: quantity("0.001")))
        #expect(!quantity("1.2345").isMultiple(of: quantity("0.001")))
        #expect(quantity("-0.003").isMultiple(of: quantity("0.001")))
        #expect(!quantity("1").isMultiple(of: .zero))
    }

    struct IntegerDivision: Sendable, CustomTestStringConvertible {
        let name: String
        let value: String
        let divisor: Int64
        let rule: RoundingRule
        let expected: String
        var testDescription: String { name }
    }

    static let integerDivisions: [IntegerDivision] = [
        // 10 / 3 = 3.333333333…
        IntegerDivision(name: "third up", value: "10", divisor: 3, rule: .up, expected: "3.33333334"),
        IntegerDivision(name: "third down", value: "10", divisor: 3, rule: .down, expected: "3.33333333"),
        // -10 / 3 = -3.333333333…
        IntegerDivision(name: "negative third up", value: "-10", divisor: 3, rule: .up, expected: "-3.33333333"),
        IntegerDivision(name: "negative third down", value: "-10", divisor: 3, rule: .down, expected: "-3.33333334"),
        // 0.00000001 / 2 = 0.000000005: a tie on the last unit.
        IntegerDivision(name: "last unit tie half-even", value: "0.00000001", divisor: 2, rule: .halfEven,
                        expected: "0"),
        IntegerDivision(name: "last unit tie away", value: "0.00000003", divisor: 2, rule: .awayFromZero,
                        expected: "0.00000002"),
    ]

    @Test("divided(by:rounding:) on a fixed-point value", arguments: integerDivisions)
    func dividedBy(_ c: IntegerDivision) {
        #expect(money(c.value).divided(by: c.divisor, rounding: c.rule) == money(c.expected))
    }
}
