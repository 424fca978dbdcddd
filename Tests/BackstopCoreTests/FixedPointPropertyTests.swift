import BackstopCore
import BigInt
import Testing

/// Seeded property tests of the fixed-point kernel against the `BigInt` oracle.
@Suite("Fixed-point properties against a BigInt oracle")
struct FixedPointPropertyTests {
    static let iterations = 10_000
    static let rules = RoundingRule.allCases

    /// A numerator and denominator drawn from one of several shapes, so that exact results,
    /// exact ties and wide values all occur often.
    static func divisionCase(_ rng: inout SplitMix64) -> (Int128, Int128) {
        switch rng.below(4) {
        case 0:  // wide: anything up to 126 bits over anything up to 126 bits
            var d = rng.signedInt128(maxBits: 126)
            if d == 0 { d = 1 }
            return (rng.signedInt128(maxBits: 126), d)
        case 1:  // small: many exact results and ties
            let d = Int128(rng.int(in: 1...16)) * (rng.bool() ? 1 : -1)
            return (Int128(rng.int(in: -64...64)), d)
        case 2:  // exact tie: q × d + d/2 with d even
            let half = Int128(rng.int(in: 1...(1 << 40)))
            let q = rng.signedInt128(maxBits: 60)
            let n = q * 2 * half + half * (rng.bool() ? 1 : -1)
            return (n, 2 * half * (rng.bool() ? 1 : -1))
        default:  // exact multiple
            let d = rng.signedInt128(maxBits: 60)
            return (rng.signedInt128(maxBits: 60) * d, d == 0 ? 7 : d)
        }
    }

    @Test("divide matches the oracle", arguments: rules)
    func divide(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0xD1_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        for _ in 0..<Self.iterations {
            let (n, d) = Self.divisionCase(&rng)
            let actual = FixedPointMath.divide(n, by: d, rounding: rule)
            let expected = Oracle.divide(BigInt(n), BigInt(d), rule)
            if BigInt(actual) != expected { mismatches.record("\(n)/\(d) got \(actual) want \(expected)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
    }

    @Test("multiplyDivide is exact, and nil exactly when the result leaves Int64", arguments: rules)
    func multiplyDivide(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0x3D_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        var overflows = 0
        for _ in 0..<Self.iterations {
            let a = rng.signedInt64()
            let b = rng.signedInt64()
            var c = rng.signedInt64()
            if c == 0 { c = -1 }
            let expected = Oracle.divide(BigInt(a) * BigInt(b), BigInt(c), rule)
            let actual = FixedPointMath.multiplyDivide(a, b, c, rounding: rule)
            if Oracle.fitsInt64(expected) {
                if actual.map(BigInt.init) != expected {
                    mismatches.record("\(a)×\(b)/\(c) got \(String(describing: actual))")
                }
            } else {
                overflows += 1
                if actual != nil { mismatches.record("\(a)×\(b)/\(c) overflow not reported: \(actual!)") }
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        // Both outcomes must be exercised for the property to mean anything.
        #expect(overflows > 1_000 && overflows < Self.iterations - 1_000)
    }

    @Test("divide in 64 bits matches the oracle", arguments: rules)
    func divide64(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0x64_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        let edges: [(Int64, Int64)] = [(.max, 1), (.max, 2), (-.max, 2), (.max, .max), (-.max, -.max), (.max - 1, .max)]
        for index in 0..<(Self.iterations + edges.count) {
            let (n, d) = index < edges.count
                ? edges[index]
                : (rng.signedInt64(maxBits: 1 + Int(rng.below(63))), rng.signedInt64(maxBits: 1 + Int(rng.below(63))))
            guard d != 0 else { continue }
            let actual = FixedPointMath.divide(n, by: d, rounding: rule)
            let expected = Oracle.divide(BigInt(n), BigInt(d), rule)
            if BigInt(actual) != expected { mismatches.record("\(n)/\(d) got \(actual) want \(expected)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
    }

    @Test("scaledProduct is exact in each of its widths", arguments: rules)
    func scaledProduct(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0x5C_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        // Products that fit in 64 bits; wider products over a small divisor whose quotient fits; the rest.
        var paths = [0, 0, 0]
        for index in 0..<(4 * Self.iterations) {
            // Operand widths spread so that products and quotients land on both sides of 64 bits,
            // with exact ties (a divisor of 2 and an odd product) among them.
            let a = rng.signedInt64(maxBits: 1 + Int(rng.below(63)))
            let b = rng.signedInt64(maxBits: 1 + Int(rng.below(63)))
            var c = index % 8 == 0 ? (rng.bool() ? 2 : -2) : rng.signedInt64(maxBits: 1 + Int(rng.below(63)))
            if c == 0 { c = 100_000_000 }
            let (high, _) = a.magnitude.multipliedFullWidth(by: b.magnitude)
            let fits = !a.multipliedReportingOverflow(by: b).overflow
            paths[fits ? 0 : c.magnitude <= 3_037_000_499 && high < c.magnitude ? 1 : 2] += 1
            let actual = FixedPointMath.scaledProduct(a, b, over: c, rounding: rule)
            let expected = Oracle.divide(BigInt(a) * BigInt(b), BigInt(c), rule)
            if BigInt(actual) != expected { mismatches.record("\(a)×\(b)/\(c) got \(actual) want \(expected)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        #expect(paths.allSatisfy { $0 > 1_000 }, "\(paths)")
    }

    @Test("Quantity.value(at:rounding:) and valueIfRepresentable", arguments: rules)
    func quantityValue(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0x0A_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        var checked = 0
        var overflows = 0
        while checked < Self.iterations {
            let q = Quantity(raw: rng.signedInt64())
            let p = Price(raw: rng.signedInt64())
            let expected = Oracle.divide(BigInt(q.raw) * BigInt(p.raw), Oracle.scale, rule)
            let representable = q.valueIfRepresentable(at: p, rounding: rule)
            guard Oracle.fitsInt64(expected) else {
                overflows += 1
                if representable != nil { mismatches.record("\(q)@\(p) overflow not reported") }
                continue
            }
            checked += 1
            let value = q.value(at: p, rounding: rule)
            if BigInt(value.raw) != expected || representable != value {
                mismatches.record("\(q)@\(p) got \(value) / \(String(describing: representable))")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        #expect(overflows > 100)
    }

    @Test("Money.times(_:rounding:)", arguments: rules)
    func moneyTimesRate(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0x71_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        var checked = 0
        while checked < Self.iterations {
            let m = Money(raw: rng.signedInt64())
            let r = Rate(raw: rng.signedInt64(maxBits: 40))
            let expected = Oracle.divide(BigInt(m.raw) * BigInt(r.raw), Oracle.scale, rule)
            guard Oracle.fitsInt64(expected) else { continue }
            checked += 1
            let actual = m.times(r, rounding: rule)
            if BigInt(actual.raw) != expected { mismatches.record("\(m)×\(r) got \(actual) want \(expected)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
    }

    @Test("Money.price(per:rounding:)", arguments: rules)
    func moneyPricePerQuantity(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0x9E_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        var checked = 0
        while checked < Self.iterations {
            let m = Money(raw: rng.signedInt64())
            let q = Quantity(raw: rng.signedInt64())
            guard !q.isZero else { continue }
            let expected = Oracle.divide(BigInt(m.raw) * Oracle.scale, BigInt(q.raw), rule)
            guard Oracle.fitsInt64(expected) else { continue }
            checked += 1
            let actual = m.price(per: q, rounding: rule)
            if BigInt(actual.raw) != expected { mismatches.record("\(m)/\(q) got \(actual) want \(expected)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
    }

    @Test("Money.fraction(_:of:rounding:)", arguments: rules)
    func moneyFraction(_ rule: RoundingRule) {
        var rng = SplitMix64(seed: 0xF4_0000 + UInt64(Self.rules.firstIndex(of: rule)!))
        var mismatches = Mismatches()
        var checked = 0
        while checked < Self.iterations {
            let m = Money(raw: rng.signedInt64())
            let numerator = rng.signedInt64()
            let denominator = rng.signedInt64()
            guard denominator != 0 else { continue }
            let expected = Oracle.divide(BigInt(m.raw) * BigInt(numerator), BigInt(denominator), rule)
            guard Oracle.fitsInt64(expected) else { continue }
            checked += 1
            let actual = m.fraction(numerator, of: denominator, rounding: rule)
            if BigInt(actual.raw) != expected {
                mismatches.record("\(m)×\(numerator)/\(denominator) got \(actual) want \(expected)")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
    }

    @Test("description matches the oracle and parses back to the same value")
    func printParseRoundTrip() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        var mismatches = Mismatches()
        // Edge values first, then random ones. Int64.min is no value of ours: it has no magnitude, so
        // parsing refuses its text as out of range (checked below).
        let edges: [Int64] = [0, 1, -1, 9, 10, 99_999_999, 100_000_000, -100_000_000, .max, -.max]
        for index in 0..<(Self.iterations + edges.count) {
            let raw = index < edges.count ? edges[index] : rng.signedInt64()
            let value = Money(raw: raw)
            let text = value.description
            if text != Oracle.description(raw: raw) { mismatches.record("\(raw) printed \(text)") }
            if (try? Money.parse(text)) != value { mismatches.record("\(raw) did not round-trip via \(text)") }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        #expect(throws: DecimalParseError.outOfRange(Money(raw: .min).description)) {
            try Money.parse(Money(raw: .min).description)
        }
    }

    /// Random decimal text, with the value (or error) the oracle expects.
    static func decimalText(_ rng: inout SplitMix64) -> (String, Result<Int64, DecimalParseError>) {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(rng.below(10))) })
        }
        let sign = rng.element(of: ["", "-", "+"])
        switch rng.below(3) {
        case 0:  // representable: up to 11 whole digits, up to 8 decimals (plus zeros past precision)
            let whole = digits(1 + Int(rng.below(11)))
            let fraction = digits(Int(rng.below(9)))
            let extraZeros = rng.below(4) == 0 ? String(repeating: "0", count: 1 + Int(rng.below(3))) : ""
            let text = sign + whole + (fraction.isEmpty && extraZeros.isEmpty ? "" : "." + fraction + extraZeros)
            let paddedFraction = fraction + String(repeating: "0", count: 8 - fraction.count)
            let magnitude = BigInt(whole + paddedFraction)!
            guard magnitude <= Oracle.int64Max else { return (text, .failure(.outOfRange(text))) }
            let raw = Int64(sign == "-" ? -magnitude : magnitude)
            return (text, .success(raw))
        case 1:  // too precise: a small whole part and a nonzero digit past the eighth decimal
            let text = sign + digits(1 + Int(rng.below(6))) + "." + digits(8) + digits(Int(rng.below(3)))
                + String(1 + rng.below(9))
            return (text, .failure(.tooPrecise(text, maximumDecimals: 8)))
        default:  // out of range: 12 to 20 whole digits, the first nonzero
            let text = sign + String(1 + rng.below(9)) + digits(11 + Int(rng.below(9)))
            return (text, .failure(.outOfRange(text)))
        }
    }

    @Test("parse of random decimal text matches the oracle")
    func parseRandomText() {
        var rng = SplitMix64(seed: 0x5EED_0002)
        var mismatches = Mismatches()
        var outcomes: Set<String> = []
        for _ in 0..<Self.iterations {
            let (text, expected) = Self.decimalText(&rng)
            let actual = Result { () throws(DecimalParseError) -> Int64 in try Quantity.parse(text).raw }
            if actual != expected { mismatches.record("'\(text)' got \(actual) want \(expected)") }
            switch expected {
            case .success: outcomes.insert("value")
            case .failure(.malformed): outcomes.insert("malformed")
            case .failure(.tooPrecise): outcomes.insert("tooPrecise")
            case .failure(.outOfRange): outcomes.insert("outOfRange")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        #expect(outcomes == ["value", "tooPrecise", "outOfRange"])
    }
}
