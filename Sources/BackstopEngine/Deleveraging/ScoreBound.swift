import BackstopCore

/// A floating-point number that is provably at or above a queue ranking's exact ``Score`` of a
/// candidate: a prefilter that lets a selection skip, without computing its score, a candidate that
/// cannot reach a threshold. It orders nothing, pays nothing and is never reported; every candidate
/// that passes it is scored exactly, so a plan is what scoring everyone exactly would give.
///
/// Why the bound holds. Below, `s`, `E`, `Q`, `W`, `MM` are a candidate's raw size, entry value,
/// equity, wallet balance and maintenance margin, `m` the raw mark, and `N = ⌊s·m / 10⁸⌋` its value at
/// the mark. `u = 2⁻⁵³` is the unit roundoff; every floating-point operation on exact inputs is off by
/// at most a factor `1 ± u`, and every integer here converts to `Double` within `1 ± u`.
///
/// 1. The exact score only ever rounds toward −∞ in the cases used here: `Score.ratio` is a floor, a
///    product of two non-negative scores is a floor, and a non-positive BitMEX quotient `r₁ / r₂` is
///    truncated toward zero, which (with `r₁ ≤ p·10¹⁸` and `0 < r₂ ≤ l·10¹⁸`) stays below `p / l + 10⁻¹⁸`.
///    So each score is at most the real formula of the venue (plus `10⁻¹⁸` for that quotient),
///    clamped to ``Score/lowest`` and ``Score/highest``.
/// 2. The real formula is then bounded with upper bounds of its numerator's factors and the exact
///    denominators: `N ≤ N⁺ = Ñ(1 + 10⁻¹²)` and `N ≥ N⁻ = Ñ(1 − 10⁻¹²) − 1`, where `Ñ = s̃·(m̃ / 10⁸)`
///    is within `1 ± 4u` of `s·m / 10⁸` and the floor costs at most 1; the profit is at most
///    `P⁺ = (a − b) + 10⁻¹⁵(|a| + |b|)` with `(a, b) = (N⁺, Ẽ)` for longs and `(Ẽ, N⁻)` for shorts (the
///    subtraction and `Ẽ`'s conversion are off by at most `3u(|a| + |b|)`).
/// 3. The quotient of products is then evaluated in five or fewer operations, so within `1 ± 6u` of
///    the real bound, and ``up(_:)`` adds `10⁻¹²` of its magnitude and `10⁻¹⁷`, which covers that
///    error, its own two roundings and the `10⁻¹⁸` of step 1.
///
/// Candidates outside the range where those steps hold (a size that is not positive, values beyond
/// `2⁶⁰`, a non-positive equity where the venue's guard gives the highest score, the tiny leverage
/// where a BitMEX quotient by a raw leverage below 8 saturates) get `+∞`: they are always scored
/// exactly, which also makes them trap exactly where the exact scoring traps.
struct ScoreBound {
    /// What a candidate's exact score `S` is known to be at most.
    enum Limit {
        /// `S ≤ value`.
        case constant(Double)
        /// `S ≤ max(y + 10⁻¹⁸, lowest)` for the real `y = numerator / denominator`, with each of the two
        /// computed within `1 ± 8u` of the real numerator and (positive) denominator that define `y`.
        case fraction(numerator: Double, denominator: Double)
    }

    /// The ranking bounded.
    let ranking: QueuePolicy.Ranking
    /// The counterparties' side.
    let side: Side
    /// The mark, `m̃`.
    let mark: Double
    /// Value at mark per raw unit of size, `m̃ / 10⁸`.
    let valuePerSize: Double
    /// The value scale `Quantity.scale × Price.scale / Money.scale`, exactly.
    let valueScale: Double
    /// One unit of money, raw (Binance's smallest wallet).
    let unitMoney: Int64

    /// A bound at or above ``Score/lowest`` (which is about −9.2234 × 10¹⁸).
    static let lowest = -9.2e18
    /// The largest raw value (2⁶⁰) the bound handles.
    static let limit: Int64 = 1 << 60

    /// Bounds for a ranking at a mark, or `nil` when the mark is not positive (scores are then exact).
    init?(ranking: QueuePolicy.Ranking, side: Side, mark: Price) {
        guard mark.isPositive else { return nil }
        self.ranking = ranking
        self.side = side
        self.mark = Double(mark.raw)
        valueScale = Double(Int128(Quantity.scale) * Int128(Price.scale) / Int128(Money.scale))
        valuePerSize = Double(mark.raw) / valueScale
        unitMoney = Money.scale
    }

    /// A number at or above the candidate's exact score (as a real number, the raw score over 10¹⁸);
    /// `+∞` when the candidate must be scored exactly.
    func upper(_ candidate: DeleveragingCandidate) -> Double {
        switch limit(candidate, ranking: ranking) {
        case .constant(let value): value
        case .fraction(let numerator, let denominator): max(Self.up(numerator / denominator), Self.lowest)
        }
    }

    /// True only when the candidate's exact score is below `cutoff`'s floor, mostly without dividing:
    /// for `y ≥ 0`, `ñ < c₊ · d̃` with `c₊ = (floor − 10⁻¹⁷)(1 − 10⁻¹²)` gives
    /// `y ≤ (ñ / d̃)(1 + 17u) < c₊(1 + 18u) < floor − 10⁻¹⁷`; for `y < 0` the score is at most `10⁻¹⁸`
    /// (or the lowest), below any floor above `10⁻¹⁷`.
    @inline(__always)
    func rejects(_ candidate: DeleveragingCandidate, ranking: QueuePolicy.Ranking, below cutoff: Cutoff) -> Bool {
        if cutoff.positive > 0, quicklyRejects(candidate, ranking: ranking, below: cutoff) { return true }
        switch limit(candidate, ranking: ranking) {
        case .constant(let value):
            return value < cutoff.floor
        case .fraction(let numerator, let denominator):
            if numerator >= 0 { return numerator < cutoff.positive * denominator }
            return cutoff.floor > 1e-17 || max(Self.up(numerator / denominator), Self.lowest) < cutoff.floor
        }
    }

    /// ``rejects(_:ranking:below:)`` for a positive `c₊`, in the common case only and without a branch
    /// on the profit's sign: each ranking's fraction as ``limit(_:ranking:)`` builds it inside its
    /// range, where a numerator that is not positive means a score of at most `10⁻¹⁸` (or a constant
    /// at most 0), which is below the floor, and so does `ñ ≤ 0 < c₊ · d̃`.
    @inline(__always)
    private func quicklyRejects(_ candidate: DeleveragingCandidate, ranking: QueuePolicy.Ranking, below cutoff: Cutoff) -> Bool {
        let size = candidate.size.raw
        let entryRaw = candidate.entryValue.raw
        let equityRaw = candidate.equity.raw
        let notional = Double(size) * valuePerSize
        let inRange = size > 0 && entryRaw.magnitude <= Self.limit.magnitude && notional <= Double(Self.limit)
            && equityRaw > 0
        let notionalHigh = notional * (1 + 1e-12)
        let entry = Double(entryRaw)
        let profitHigh = side == .buy
            ? Self.difference(notionalHigh, entry) : Self.difference(entry, notional * (1 - 1e-12) - 1)
        let equity = Double(equityRaw)
        switch ranking {
        case .bitmex:
            return inRange && entryRaw > 0 && entryRaw < 1 << 59 && equityRaw <= 1 << 56 && notional * (1 - 1e-12) - 1 >= 3
                && profitHigh * notionalHigh < cutoff.positive * (entry * equity)
        case .binance:
            let maintenance = Double(candidate.maintenanceMargin.raw)
            let wallet = Double(max(candidate.walletBalance.raw, unitMoney))
            return inRange && candidate.maintenanceMargin.isPositive
                && profitHigh * maintenance < cutoff.positive * (wallet * equity)
        case .hyperliquid:
            let sizeValue = Double(size)
            let scaledEntry = entry * valueScale
            guard inRange, scaledEntry >= 4 * sizeValue, scaledEntry <= Double(Self.limit) * sizeValue else { return false }
            if side == .buy {
                let entryLow = scaledEntry * (1 - 1e-12) - 0.5 * sizeValue
                return mark * notionalHigh * sizeValue < cutoff.positive * (entryLow * equity)
            }
            let entryHigh = scaledEntry * (1 + 1e-12) + 0.5 * sizeValue
            return entryHigh * notionalHigh < cutoff.positive * (mark * sizeValue * equity)
        case .whitebit:
            return inRange && profitHigh < cutoff.positive * equity
        }
    }

    /// A threshold as the scan compares against it.
    struct Cutoff {
        /// At or below the threshold's real value.
        let floor: Double
        /// `(floor − 10⁻¹⁷)(1 − 10⁻¹²)`.
        let positive: Double

        init(_ threshold: Score) {
            floor = ScoreBound.below(threshold)
            positive = (floor - 1e-17) * (1 - 1e-12)
        }
    }

    /// The bound of one candidate under `ranking` (passed in so that a scan can fix it).
    @inline(__always)
    func limit(_ candidate: DeleveragingCandidate, ranking: QueuePolicy.Ranking) -> Limit {
        let size = candidate.size.raw
        let entryRaw = candidate.entryValue.raw
        guard size > 0, entryRaw.magnitude <= Self.limit.magnitude else { return .constant(.infinity) }
        let notional = Double(size) * valuePerSize
        guard notional <= Double(Self.limit) else { return .constant(.infinity) }
        let notionalHigh = notional * (1 + 1e-12)
        let entry = Double(entryRaw)
        let profitHigh = side == .buy
            ? Self.difference(notionalHigh, entry) : Self.difference(entry, notional * (1 - 1e-12) - 1)
        let equityRaw = candidate.equity.raw
        switch ranking {
        case .bitmex:
            // E ≤ 0: the lowest score. E < 2⁵⁹ keeps `r₁ > 0` exactly when the profit is positive;
            // Q ≤ 2⁵⁶ with N ≥ 3 keeps the raw leverage `r₂` at 41 or more.
            guard entryRaw > 0 else { return .constant(Self.lowest) }
            guard equityRaw > 0, entryRaw < 1 << 59, equityRaw <= 1 << 56, notional * (1 - 1e-12) - 1 >= 3 else {
                return .constant(.infinity)
            }
            let equity = Double(equityRaw)
            if profitHigh > 0 { return .fraction(numerator: profitHigh * notionalHigh, denominator: entry * equity) }
            return .fraction(numerator: profitHigh * equity, denominator: entry * notionalHigh)
        case .binance:
            guard equityRaw > 0, profitHigh > 0, candidate.maintenanceMargin.isPositive else { return .constant(0) }
            return .fraction(
                numerator: profitHigh * Double(candidate.maintenanceMargin.raw),
                denominator: Double(max(candidate.walletBalance.raw, unitMoney)) * Double(equityRaw))
        case .hyperliquid:
            // The entry price `round(E·10⁸ / s)` is at least `(E·10⁸ − s/2) / s` and at most
            // `(E·10⁸ + s/2) / s`; `D` below bounds `E·10⁸ ∓ s/2` with room for its roundings.
            let sizeValue = Double(size)
            let scaledEntry = entry * valueScale
            guard equityRaw > 0, scaledEntry >= 4 * sizeValue, scaledEntry <= Double(Self.limit) * sizeValue else {
                return .constant(.infinity)
            }
            let equity = Double(equityRaw)
            if side == .buy {
                let entryLow = scaledEntry * (1 - 1e-12) - 0.5 * sizeValue
                return .fraction(numerator: mark * notionalHigh * sizeValue, denominator: entryLow * equity)
            }
            let entryHigh = scaledEntry * (1 + 1e-12) + 0.5 * sizeValue
            return .fraction(numerator: entryHigh * notionalHigh, denominator: mark * sizeValue * equity)
        case .whitebit:
            guard profitHigh > 0 else { return .constant(Self.lowest) }
            guard equityRaw > 0 else { return .constant(.infinity) }
            return .fraction(numerator: profitHigh, denominator: Double(equityRaw))
        }
    }

    /// An upper bound of `a − b` for `a` and `b` within `1 ± u` of the exact operands.
    @inline(__always)
    static func difference(_ a: Double, _ b: Double) -> Double {
        (a - b) + 1e-15 * (a.magnitude + b.magnitude)
    }

    /// Widens an estimate within `1 ± 32u` of a real bound `y` to a number at or above `y + 10⁻¹⁸`.
    @inline(__always)
    static func up(_ estimate: Double) -> Double {
        estimate + estimate.magnitude * 1e-12 + 1e-17
    }

    /// A number at or below a score's real value, for comparing bounds against it.
    static func below(_ score: Score) -> Double {
        let estimate = Double(score.raw) / Double(Score.scale)
        return estimate - estimate.magnitude * 1e-15
    }
}

extension Score {
    /// A score near a real number (clamped to ±10¹⁹), for a threshold: any value serves, since a
    /// threshold is compared exactly.
    init(approximately value: Double) {
        self.init(raw: Int128(min(max(value, -1e19), 1e19) * Double(Score.scale)))
    }
}
