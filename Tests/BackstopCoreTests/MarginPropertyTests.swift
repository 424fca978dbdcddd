import BackstopCore
import BigInt
import Testing

/// Seeded properties of the margin formulas, checked with exact `BigInt` arithmetic and the
/// hand-written btcusdt tiers (not the derived ones).
@Suite("Margin properties against a BigInt oracle")
struct MarginPropertyTests {
    static let iterations = 10_000
    static let spec = Fixtures.btcusdt

    /// (floor raw, MMR raw, cum raw) per tier, from the fixture's stated numbers.
    static let tiers: [(floor: BigInt, rate: BigInt, cum: BigInt)] = [
        (0, 400_000, 0),
        (BigInt(50_000) * Oracle.scale, 500_000, BigInt(50) * Oracle.scale),
        (BigInt(250_000) * Oracle.scale, 1_000_000, BigInt(1_300) * Oracle.scale),
        (BigInt(1_000_000) * Oracle.scale, 2_500_000, BigInt(16_300) * Oracle.scale),
    ]

    /// The tier of an exact notional given at scale 10^16.
    static func tier(notionalScaled16 notional: BigInt) -> (floor: BigInt, rate: BigInt, cum: BigInt) {
        tiers.last { notional >= $0.floor * Oracle.scale }!
    }

    /// Equity minus maintenance margin at raw price `p`, exactly, scaled by 10^24:
    /// K + q·P − (|q|·P·MMR − cum) with the tier of the exact notional |q|·P.
    static func surplus(quantity q: BigInt, collateral k: BigInt, price p: BigInt) -> BigInt {
        let notional: BigInt = (q < 0 ? -q : q) * p
        let tier = tier(notionalScaled16: notional)
        let base: BigInt = (k + tier.cum) * Oracle.scale * Oracle.scale
        let value: BigInt = q * p * Oracle.scale
        return base + value - notional * tier.rate
    }

    /// A random isolated position on the lot and tick grid: (quantity, collateral).
    static func position(_ rng: inout SplitMix64) -> (Quantity, Money) {
        let lots = rng.int(in: 1...200_000)  // 0.001 to 200 BTC
        let ticks = rng.int(in: 1_000...1_500_000)  // 100.0 to 150,000.0
        let q = Quantity(raw: lots * 100_000 * (rng.bool() ? 1 : -1))
        let entry = Price(raw: ticks * 10_000_000)
        let cost = q.value(at: entry, rounding: .down)  // exact on this grid
        let notional = cost.magnitude
        let leverage = Int64(rng.int(in: 1...125))
        var margin = notional.divided(by: leverage, rounding: .up)
        if rng.below(4) == 0 { margin += notional.fraction(rng.int(in: 0...100), of: 1_000, rounding: .down) }
        return (q, MarginMath.isolatedCollateral(margin: margin, cost: cost))
    }

    @Test("liquidation price is the first tick of the price grid where equity meets maintenance margin")
    func liquidationPrice() {
        var rng = SplitMix64(seed: 0x11_0001)
        var mismatches = Mismatches()
        var found = 0
        for _ in 0..<Self.iterations {
            let (q, k) = Self.position(&rng)
            let actual = MarginMath.liquidationPrice(quantity: q, collateral: k, spec: Self.spec)
            let bq = BigInt(q.raw)
            let bk = BigInt(k.raw)
            func surplus(_ p: Int64) -> BigInt { Self.surplus(quantity: bq, collateral: bk, price: BigInt(p)) }
            if q.isPositive {
                // Surplus rises with price; the answer is the smallest price with surplus >= 0.
                guard let p = actual?.raw else {
                    if !k.isNonNegative { mismatches.record("long \(q) K \(k): nil") }
                    continue
                }
                found += 1
                if k.isNonNegative || surplus(p) < 0 || (p > 1 && surplus(p - 1) >= 0) {
                    mismatches.record("long \(q) K \(k): \(p)")
                }
            } else {
                // Surplus falls with price; the answer is the largest price with surplus >= 0.
                guard let p = actual?.raw else {
                    if surplus(1) >= 0 { mismatches.record("short \(q) K \(k): nil") }
                    continue
                }
                found += 1
                if surplus(p) < 0 || surplus(p + 1) >= 0 { mismatches.record("short \(q) K \(k): \(p)") }
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        #expect(found > Self.iterations / 2)
    }

    @Test("bankruptcy price is the last grid price that leaves equity non-negative")
    func bankruptcyPrice() {
        var rng = SplitMix64(seed: 0x11_0002)
        var mismatches = Mismatches()
        var found = 0
        for index in 0..<Self.iterations {
            var (q, k) = Self.position(&rng)
            // Half the cases use arbitrary (cross-like) collateral, including negative.
            if index % 2 == 1 { k = Money(raw: rng.signedInt64(maxBits: 50)) }
            let actual = MarginMath.bankruptcyPrice(quantity: q, collateral: k)
            // Equity K + q·P, scaled by 10^16.
            func equity(_ p: Int64) -> BigInt { BigInt(k.raw) * Oracle.scale + BigInt(q.raw) * BigInt(p) }
            guard let p = actual?.raw else {
                let shouldExist = q.isPositive ? k.isNegative : equity(1) >= 0
                if shouldExist { mismatches.record("\(q) K \(k): nil") }
                continue
            }
            found += 1
            let next = q.isPositive ? p - 1 : p + 1
            if p <= 0 || equity(p) < 0 || (next > 0 && equity(next) >= 0) {
                mismatches.record("\(q) K \(k): \(p)")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
        #expect(found > Self.iterations / 2)
    }

    @Test("maintenance and initial margin match the oracle for random notionals")
    func margins() {
        var rng = SplitMix64(seed: 0x11_0003)
        var mismatches = Mismatches()
        for _ in 0..<Self.iterations {
            // Notionals up to about 5,000,000, spread over every tier.
            let notional = Money(raw: rng.int(in: 0...(Int64(1) << rng.int(in: 1...59))))
            let n = BigInt(notional.raw)
            let tier = Self.tiers.last { n >= $0.floor }!
            var expected = Oracle.divide(n * tier.rate, Oracle.scale, .up) - tier.cum
            if expected < 0 { expected = 0 }
            let actual = MarginMath.maintenanceMargin(notional: notional, spec: Self.spec)
            if BigInt(actual.raw) != expected { mismatches.record("MM(\(notional)) = \(actual)") }
            let leverage = Int(rng.int(in: 1...125))
            let initial = MarginMath.initialMargin(notional: notional, leverage: leverage)
            if BigInt(initial.raw) != Oracle.divide(n, BigInt(leverage), .up) {
                mismatches.record("IM(\(notional), \(leverage)) = \(initial)")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.summary)")
    }
}

extension Money {
    fileprivate var isNonNegative: Bool { !isNegative }
}
