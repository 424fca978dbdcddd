import BackstopCore

/// A round's per-candidate arithmetic in a few multiplications: the value at the mark and the whole
/// lots of a size, exactly as `Quantity.value(at:rounding: .down)` and integer division give them.
///
/// Each result starts from a floating-point estimate, which is then corrected with exact integer
/// arithmetic to the one integer whose remainder lies in range; where the estimate could be far off
/// (values near the edge of `Int64`) the exact division itself is used. So the estimate affects only
/// speed.
struct RoundValuation {
    /// The mark price, raw.
    let mark: Int64
    /// The lot size, raw.
    let lot: Int64
    private let valueScale: Int64
    private let valuePerSize: Double
    private let lotsPerSize: Double

    init(terms: DeleveragingTerms) {
        mark = terms.markPrice.raw
        lot = terms.lotSize.raw
        valueScale = Int64(Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale))
        valuePerSize = Double(mark) / Double(valueScale)
        lotsPerSize = lot > 0 ? 1 / Double(lot) : 0
    }

    /// `size.value(at: mark, rounding: .down)`: the floor of `size × mark / valueScale`.
    ///
    /// Below 2⁵⁰ the estimate is within 1.5 of the exact quotient (four roundings of `2⁻⁵³`, then the
    /// truncation), so the remainder `size × mark − estimate × valueScale` is below `2 × valueScale` in
    /// magnitude and 64-bit arithmetic, which is exact modulo 2⁶⁴, gives it exactly.
    @inline(__always)
    func value(_ size: Quantity) -> Money {
        // With the scales of `BackstopCore` (10⁸ each) and no sign to floor, a division by the literal
        // 10⁸, which compiles to multiplications: what the value is, trapping where it does not fit.
        if valueScale == 100_000_000, size.raw >= 0, mark >= 0 {
            return Money(raw: Int64(Int128(size.raw) * Int128(mark) / 100_000_000))
        }
        let estimate = Double(size.raw) * valuePerSize
        guard estimate.magnitude < 0x1p50 else { return size.value(at: Price(raw: mark), rounding: .down) }
        var quotient = Int64(estimate)
        var remainder = size.raw &* mark &- quotient &* valueScale
        while remainder < 0 {
            quotient -= 1
            remainder += valueScale
        }
        while remainder >= valueScale {
            quotient += 1
            remainder -= valueScale
        }
        return Money(raw: quotient)
    }

    /// `size.raw / lot.raw`: whole lots, truncated toward zero as integer division does.
    @inline(__always)
    func lots(_ size: Quantity) -> Int64 {
        let raw = size.raw
        guard raw >= 0, lot > 0 else { return raw / lot }
        let estimate = Double(raw) * lotsPerSize
        guard estimate < 0x1p62 else { return raw / lot }
        let quotient = Int64(estimate)
        let remainder = raw &- quotient &* lot
        return remainder >= 0 && remainder < lot ? quotient : raw / lot
    }

    /// The unrealized profit at the mark of a candidate on `side`, as
    /// `DeleveragingCandidate.unrealizedPnL(at:side:)` gives it.
    @inline(__always)
    func profit(_ candidate: DeleveragingCandidate, side: Side) -> Money {
        side == .buy ? value(candidate.size) - candidate.entryValue : candidate.entryValue - value(candidate.size)
    }
}
