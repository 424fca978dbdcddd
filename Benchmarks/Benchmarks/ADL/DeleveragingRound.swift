import BackstopCore
import BackstopEngine

/// The ADL workload's round: a bankrupt long of 10,500 lots against short candidates of 1 to 20 lots
/// at entries around 62,000 with the mark at 60,000, about a thousand of whom it needs.
///
/// The candidates are drawn as the workload draws them (seed 3, stream 9), so every plan hits the
/// same accounts as in `backstop bench adl`.
struct DeleveragingRound: Sendable {
    let terms = DeleveragingTerms(
        bankruptSide: .buy, quantity: Quantity("0.001")!.times(10_500), executionPrice: Price(units: 60_600),
        markPrice: Price(units: 60_000), lotSize: Quantity("0.001")!, seed: 5)
    let candidates: [DeleveragingCandidate]

    init(candidates count: Int) {
        var random = Draws(seed: 3, stream: 9)
        candidates = (0..<count).map { index in
            let lots = Int64.random(in: 1...20, using: &random)
            let size = Quantity("0.001")!.times(lots)
            let entry = Price(raw: Int64(random.uniform(58_000, 66_000) * Double(Price.scale)))
            let equity = Money(raw: Int64(random.uniform(5, 500) * Double(Money.scale)))
            return DeleveragingCandidate(
                account: AccountID(UInt64(10_000 + index)), size: size,
                entryValue: size.value(at: entry, rounding: .halfEven), equity: equity, walletBalance: equity,
                maintenanceMargin: size.value(at: Price(units: 60_000), rounding: .up).times(Rate("0.004")!, rounding: .up))
        }
    }

    /// Whether `plan` is a right answer: a closing policy closes exactly the quantity.
    func holds(_ plan: DeleveragingPlan, of policy: DeleveragingPolicyName) -> Bool {
        policy == .socializedLoss || plan.totalClosed == terms.quantity
    }
}

/// The draws of the simulation's `ScenarioRandom` (internal to BackstopSimulation): SplitMix64 on a
/// seed and a stream.
private struct Draws: RandomNumberGenerator {
    private var generator: SplitMix64

    init(seed: UInt64, stream: UInt64) {
        generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ (stream &+ 0xD1B5_4A32_D192_ED03))
        _ = generator.next()
    }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * (Double(next() >> 11) / Double(1 << 53))
    }
}
