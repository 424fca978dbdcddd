import BackstopCore

/// A round's per-candidate arithmetic: the value at the mark and the whole lots of a size, as
/// `Quantity.value(at:rounding: .down)` and integer division give them, with the round's mark and
/// lot read once. The value is computed by ``ValueAtMark`` without a division where it can be.
struct RoundValuation {
    /// The mark price.
    let mark: Price
    /// The lot size, raw.
    let lot: Int64
    /// The mark's valuation, for a positive mark.
    let valuation: ValueAtMark?

    init(terms: DeleveragingTerms) {
        mark = terms.markPrice
        lot = terms.lotSize.raw
        valuation = ValueAtMark(mark: mark)
    }

    /// `size.value(at: mark, rounding: .down)`.
    @inline(__always)
    func value(_ size: Quantity) -> Money {
        guard let valuation else { return size.value(at: mark, rounding: .down) }
        return Money(raw: valuation.value(size.raw))
    }

    /// `size.raw / lot.raw`: whole lots, truncated toward zero as integer division does.
    @inline(__always)
    func lots(_ size: Quantity) -> Int64 { size.raw / lot }

    /// The unrealized profit at the mark of a candidate on `side`, as
    /// `DeleveragingCandidate.unrealizedPnL(at:side:)` gives it.
    @inline(__always)
    func profit(_ candidate: DeleveragingCandidate, side: Side) -> Money {
        side == .buy ? value(candidate.size) - candidate.entryValue : candidate.entryValue - value(candidate.size)
    }
}
