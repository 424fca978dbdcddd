import BackstopCore
import BackstopEngine
import Foundation

/// Auto-deleveraging at scale: every policy plans a round against a million candidates for a bankrupt
/// position that needs about a thousand of them, and the ADL indicator is refreshed for a million
/// positions through the engine.
public enum ADLWorkload {
    /// A million short candidates of 1 to 20 lots at entries around 62,000 with the mark at 60,000.
    static func candidates(_ count: Int) -> [DeleveragingCandidate] {
        var random = ScenarioRandom(seed: 3, stream: 9)
        return (0..<count).map { index in
            let lots = Int64.random(in: 1...20, using: &random)
            let size = Quantity("0.001")!.times(lots)
            let entry = Price(raw: Int64(random.uniform(58_000, 66_000) * Double(Price.scale)))
            let equity = Money(raw: Int64(random.uniform(5, 500) * Double(Money.scale)))
            return DeleveragingCandidate(
                account: AccountID(UInt64(10_000 + index)), size: size, entryValue: size.value(at: entry, rounding: .halfEven),
                equity: equity, walletBalance: equity, maintenanceMargin: size.value(at: Price(units: 60_000), rounding: .up).times(Rate("0.004")!, rounding: .up))
        }
    }

    public static func run(candidates count: Int, indicatorPositions: Int) -> BenchmarkResult {
        let pool = candidates(count)
        // About a thousand average candidates (10.5 lots each).
        let terms = DeleveragingTerms(
            bankruptSide: .buy, quantity: Quantity("0.001")!.times(10_500), executionPrice: Price(units: 60_600),
            markPrice: Price(units: 60_000), lotSize: Quantity("0.001")!, seed: 5)
        var figures: [BenchmarkFigure] = [
            BenchmarkFigure(name: "candidates", value: Double(count), unit: "positions", target: nil, higherIsBetter: true),
        ]
        var exact = true
        for policy in DeleveragingPolicyName.allCases {
            let started = ContinuousClock.now
            let plan = policy.policy.plan(terms, candidates: pool)
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
            if policy != .socializedLoss { exact = exact && plan.totalClosed == terms.quantity }
            let slow = [DeleveragingPolicyName.minMax, .leverageDraining].contains(policy)
            figures.append(BenchmarkFigure(
                name: "\(policy.rawValue) (\(plan.allocations.count) hit)", value: milliseconds, unit: "ms",
                target: policy == .socializedLoss || policy == .randomDydx ? nil : (slow ? 50 : 5), higherIsBetter: false))
        }
        let venue = MarkTickWorkload.venue(positions: indicatorPositions).engine
        let started = ContinuousClock.now
        let indicators = venue.deleveragingIndicators("BTCUSDT")
        let elapsed = ContinuousClock.now - started
        figures.append(BenchmarkFigure(
            name: "indicator refresh (\(indicators.count))",
            value: Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15,
            unit: "ms", target: 100, higherIsBetter: false))
        return BenchmarkResult(
            workload: "adl", figures: figures,
            checks: [
                "every closing policy closes exactly the quantity": exact,
                "every open position has an indicator": indicators.count == venue.accounts.count { account in
                    account.positions.contains { !$0.quantity.isZero && account.role == .trader }
                },
            ])
    }
}
