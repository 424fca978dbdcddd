import BackstopCore

/// Integer bounds that are provably at or above a queue ranking's exact ``Score`` of a candidate: a
/// prefilter that lets a selection skip, without computing its score, a candidate that cannot reach a
/// positive threshold. A bound orders nothing, pays nothing and is never reported; every candidate it
/// does not rule out is scored exactly, so a plan is what scoring everyone would give.
///
/// Why the bounds hold. Below, `s`, `E`, `Q`, `W`, `MM` are a candidate's raw size, entry value,
/// equity, wallet balance and maintenance margin, `m` the raw mark, `V = 10⁸` the value scale,
/// `N = ⌊s·m / V⌋` the value at the mark and `P` the profit (`N − E` for a long, `E − N` for a short).
///
/// 1. `N` lies between two integers computed with one 64-bit multiplication (``ValueAtMark``):
///    `N⁻ ≤ N ≤ N⁺`; the profit is at most `P⁺ = N⁺ − E` (long) or `E − N⁻` (short).
/// 2. The exact raw score rounds toward −∞ in every case used here (`Score.ratio` is a floor, a
///    product of two non-negative scores is truncated, a saturation only lowers a score above
///    ``Score/highest``), so it is at most the venue's formula times 10¹⁸, which is at most
///    `C · a·b / (c·d)` for non-negative integers `a`, `b`, positive `c`, `d` and a positive constant
///    `C` of the round (``Limit/fraction(_:_:over:_:)``; a profit that cannot be positive is taken as
///    `a = 0`, where the score is at most 0, so that the scan does not branch on it); or the score is
///    known to be at most 0 (``Limit/atMostZero``), or the candidate is outside the range where that
///    holds (``Limit/unknown``). The fractions: BitMEX `P⁺·N⁺ / (E·Q)`, Binance
///    `P⁺·MM / (max(W, 1)·Q)` and WhiteBIT `P⁺ / Q`, each with `C = 10¹⁸`; Hyperliquid
///    `s·N⁺ / ((E − r)·Q)` with `C = m·10¹⁸ / V` for longs and `(E + r)·N⁺ / (s·Q)` with
///    `C = V·10¹⁸ / m` for shorts, where `r = ⌊s / 2^⌊log₂ 2V⌋⌋ + 1 ≥ s / 2V` covers the rounding of the
///    entry price.
/// 3. Against a positive raw threshold `T`, a candidate is ruled out when
///    `a·b < K · c·d` for `K ≤ T / C`: then its score is below `T`. Most candidates are far below,
///    and bit lengths alone show it (``Cutoff/lengthAllowance``); the others are compared with their
///    products exact in 128 bits, through ``LeadingBits`` rounded up on the left and down on the
///    right, so that the comparison only ever holds when the exact one does. Each side is within
///    `2⁻²⁹` of the exact product, so only candidates within about `2⁻²⁸` of the threshold are scored
///    without need.
///
/// Candidates outside the range (a size that is not positive, values beyond `2⁶²`, a non-positive
/// equity where the venue's guard gives the highest score, BitMEX's raw leverage below 8 where a zero
/// profit share divided by it saturates to the highest score, a Hyperliquid entry price that would
/// not fit) are ``Limit/unknown``: always scored exactly, which also makes them trap exactly where the
/// exact scoring traps.
struct ScoreBound {
    /// What a candidate's exact raw score `S` is known to be at most.
    enum Limit {
        /// `S ≤ 0`.
        case atMostZero
        /// Nothing: the candidate must be scored.
        case unknown
        /// `S ≤ C · (a × b) / (c × d)`, with the round's `C` (``ScoreBound/scale``); `c`, `d` positive.
        case fraction(UInt64, UInt64, over: UInt64, UInt64)
    }

    /// The ranking bounded.
    let ranking: QueuePolicy.Ranking
    /// The counterparties' side.
    let side: Side
    /// `N⁺` and `N⁻`.
    let valuation: ValueAtMark
    /// The largest power of two at or below `2V`, as a shift (Hyperliquid's entry price rounds by
    /// at most half a unit: `s / 2V` in entry value).
    let entryShift: UInt64
    /// `l − 1` for `l` the bit length of `V` (`2^(l−1) ≤ V`): `E > ⌊s / 2^(l−1)⌋ + 1` gives
    /// `E·V > s`, an entry price of at least 1, and `E` above ``entryShift``'s rounding.
    let entryFloorShift: UInt64
    /// `62 − l` (`V < 2^l`): `⌊E / 2^(62−l)⌋ < s` gives `E·V < s·2⁶²`, an entry price that fits.
    let entryFitShift: UInt64
    /// One unit of money, raw (Binance's smallest wallet).
    let unitMoney: Int64
    /// `C`, rounded up.
    let scale: LeadingBits

    /// The largest raw value (2⁶²) the bound handles.
    static let limit: Int64 = ValueAtMark.limit

    /// Bounds for a ranking at a mark, or `nil` when the mark is not positive (scores are then exact).
    init?(ranking: QueuePolicy.Ranking, side: Side, mark: Price) {
        guard let valuation = ValueAtMark(mark: mark) else { return nil }
        self.ranking = ranking
        self.side = side
        self.valuation = valuation
        let valueScale = valuation.valueScale
        let mark = valuation.mark
        entryShift = UInt64(63 - (2 * valueScale).leadingZeroBitCount)
        entryFloorShift = UInt64(63 - valueScale.leadingZeroBitCount)
        entryFitShift = UInt64(62 - (64 - valueScale.leadingZeroBitCount))
        unitMoney = Money.scale
        let scoreScale = LeadingBits(UInt64(Score.scale), rounding: .up)
        let markBits = LeadingBits(mark, rounding: .up)
        switch (ranking, side) {
        case (.hyperliquid, .buy):
            scale = scoreScale.times(markBits, rounding: .up)
                .divided(by: LeadingBits(valueScale, rounding: .down), rounding: .up)
        case (.hyperliquid, .sell):
            scale = LeadingBits(UInt128(Score.scale) * UInt128(valueScale), rounding: .up)
                .divided(by: LeadingBits(mark, rounding: .down), rounding: .up)
        default:
            scale = scoreScale
        }
    }

    /// A bound at or above the candidate's exact raw score, as a ``LeadingBits/key``: zero when the
    /// score is at most 0, `nil` when the candidate must be scored exactly.
    func upperKey(_ candidate: DeleveragingCandidate) -> UInt64? {
        switch limit(candidate, ranking: ranking) {
        case .atMostZero: 0
        case .unknown: nil
        case .fraction(let a, let b, let c, let d):
            LeadingBits(UInt128(a, times: b), rounding: .up).times(scale, rounding: .up)
                .divided(by: LeadingBits(UInt128(c, times: d), rounding: .down), rounding: .up).key
        }
    }

    /// A score at or below the bound with this ``LeadingBits/key``, for a threshold: any score
    /// serves, since a threshold is compared exactly.
    static func threshold(key: UInt64) -> Score {
        Score(raw: Int128(LeadingBits(key: key).integer(atMost: UInt128(Score.highest.raw))))
    }

    /// True only when the candidate's exact score is below `cutoff`'s threshold.
    @inline(__always)
    func rejects(_ candidate: DeleveragingCandidate, ranking: QueuePolicy.Ranking, below cutoff: Cutoff) -> Bool {
        guard let factor = cutoff.factor else { return false }
        switch limit(candidate, ranking: ranking) {
        case .atMostZero: return true
        case .unknown: return false
        case .fraction(let a, let b, let c, let d):
            // Most candidates are far below: bit lengths alone decide. `a·b` is below 2 to the sum of
            // the factors' lengths, `c·d` at least 2 to that sum less one.
            let zeros = a.leadingZeroBitCount + b.leadingZeroBitCount
            if zeros >= c.leadingZeroBitCount + d.leadingZeroBitCount + 1 - cutoff.lengthAllowance { return true }
            return LeadingBits(UInt128(a, times: b), rounding: .up)
                < factor.times(LeadingBits(UInt128(c, times: d), rounding: .down), rounding: .down)
        }
    }

    /// A threshold as the scan compares against it.
    struct Cutoff {
        /// `K`, at or below the threshold over the round's `C`; `nil` for a threshold that is not
        /// positive, which rules nobody out.
        let factor: LeadingBits?
        /// `e + 30` for `K = k·2ᵉ` (`k ≥ 2³¹`): with `l(x)` the bit length of `x`, `a·b < 2^(l(a) + l(b))`
        /// and `K·c·d ≥ 2^(e + 31)·2^(l(c) + l(d) − 2)`, so `l(a) + l(b) ≤ l(c) + l(d) − 1 + (this)`
        /// rules the candidate out.
        let lengthAllowance: Int

        init(_ threshold: Score, bound: ScoreBound) {
            guard threshold.isPositive else {
                factor = nil
                lengthAllowance = 0
                return
            }
            let factor = LeadingBits(UInt128(threshold.raw), rounding: .down).divided(by: bound.scale, rounding: .down)
            self.factor = factor
            lengthAllowance = factor.exponent + 30
        }
    }

    /// The bound of one candidate under `ranking` (passed in so that a scan can fix it).
    @inline(__always)
    func limit(_ candidate: DeleveragingCandidate, ranking: QueuePolicy.Ranking) -> Limit {
        let size = candidate.size.raw
        let entry = candidate.entryValue.raw
        let equity = candidate.equity.raw
        let valueHigh = valuation.upper(size)
        guard size > 0, size < valuation.sizeLimit, valueHigh < Self.limit, entry.magnitude <= Self.limit.magnitude
        else { return .unknown }
        let valueLow = valuation.lower(size, upper: valueHigh)
        let profitHigh = side == .buy ? valueHigh - entry : entry - valueLow
        switch ranking {
        case .bitmex:
            guard entry > 0 else { return .atMostZero }
            // A raw leverage `⌊N·10¹⁸ / Q⌋` of 8 or more: `Q < N⁻·2⁵⁶` is enough.
            guard equity > 0, valueLow > 0, equity >> 56 < valueLow else { return .unknown }
            return .fraction(UInt64(max(profitHigh, 0)), UInt64(valueHigh), over: UInt64(entry), UInt64(equity))
        case .binance:
            let margin = candidate.maintenanceMargin.raw
            guard equity > 0, margin > 0 else { return .atMostZero }
            let wallet = max(candidate.walletBalance.raw, unitMoney)
            return .fraction(UInt64(max(profitHigh, 0)), UInt64(margin), over: UInt64(wallet), UInt64(equity))
        case .hyperliquid:
            // The entry price `round(E·V / s)` is at least 1 and fits, and lies within half a unit of
            // `E·V / s`, so `E ∓ s / 2V` bound it once scaled by `s / V`.
            guard equity > 0, entry > (size >> entryFloorShift) + 1, entry >> entryFitShift < size else { return .unknown }
            let rounding = (size >> entryShift) + 1
            if side == .buy {
                return .fraction(UInt64(size), UInt64(valueHigh), over: UInt64(entry - rounding), UInt64(equity))
            }
            return .fraction(UInt64(entry + rounding), UInt64(valueHigh), over: UInt64(size), UInt64(equity))
        case .whitebit:
            guard equity > 0 else { return profitHigh > 0 ? .unknown : .atMostZero }
            return .fraction(UInt64(max(profitHigh, 0)), 1, over: UInt64(equity), 1)
        }
    }
}
