import BackstopCore
import BackstopEngine
import Foundation

/// Auto-deleveraging at scale: every policy plans a round against a million candidates for a bankrupt
/// position that needs about a thousand of them; a real round runs through `Engine.apply` in a venue of
/// a million positions under the Binance queue and under pro-rata; and the ADL indicator is refreshed
/// for a million positions. Every plan is checked against its policy's definition (``PlanCheck``),
/// every round against the quantity and the engine's invariants.
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

    /// The targets: 5 ms for the queues and pro-rata, 50 ms for min-max and leverage draining.
    static func target(_ policy: DeleveragingPolicyName) -> Double? {
        switch policy {
        case .socializedLoss, .randomDydx: nil
        case .minMax, .leverageDraining: 50
        default: 5
        }
    }

    /// The median of `runs` timings of `body`, in milliseconds, and its last result.
    static func median<Result>(runs: Int, _ body: () -> Result) -> (milliseconds: Double, result: Result) {
        var times: [Double] = []
        var result = body()
        for _ in 0..<runs {
            let started = ContinuousClock.now
            result = body()
            let elapsed = ContinuousClock.now - started
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return (times.sorted()[runs / 2], result)
    }

    public static func run(candidates count: Int, indicatorPositions: Int) -> BenchmarkResult {
        let pool = candidates(count)
        // About a thousand average candidates (10.5 lots each) of a million, a thousandth of any count.
        let terms = DeleveragingTerms(
            bankruptSide: .buy, quantity: Quantity("0.001")!.times(max(1, Int64(count) * 10_500 / 1_000_000)),
            executionPrice: Price(units: 60_600),
            markPrice: Price(units: 60_000), lotSize: Quantity("0.001")!, seed: 5)
        var figures: [BenchmarkFigure] = [
            BenchmarkFigure(name: "candidates", value: Double(count), unit: "positions", target: nil, higherIsBetter: true),
        ]
        var checks: [String: Bool] = [:]
        var exact = true
        var definitions = true
        for policy in DeleveragingPolicyName.allCases {
            let (milliseconds, plan) = median(runs: 5) { policy.policy.plan(terms, candidates: pool) }
            if policy != .socializedLoss { exact = exact && plan.totalClosed == terms.quantity }
            switch policy {
            case .queueBitmex, .queueBinance, .queueHyperliquid, .queueWhitebit:
                definitions = definitions && PlanCheck.queue(plan, policy: policy, terms: terms, candidates: pool)
            case .proRata, .minMax:
                definitions = definitions
                    && PlanCheck.proportional(plan, minMax: policy == .minMax, terms: terms, candidates: pool) == true
            default: break
            }
            figures.append(BenchmarkFigure(
                name: "\(policy.rawValue) (\(plan.allocations.count) hit)", value: milliseconds, unit: "ms",
                target: target(policy), higherIsBetter: false))
        }
        checks["every closing policy closes exactly the quantity"] = exact
        checks["every queue, pro-rata and min-max plan is what its definition gives"] = definitions

        var rounds = true
        var invariants = true
        for policy in [DeleveragingPolicyName.queueBinance, .proRata] {
            guard var venue = ADLVenue(positions: indicatorPositions, policy: policy, whaleLots: 1_000) else {
                rounds = false
                continue
            }
            if policy == .queueBinance {
                let (milliseconds, indicators) = median(runs: 3) { venue.engine.deleveragingIndicators(ADLVenue.symbol) }
                figures.append(BenchmarkFigure(
                    name: "indicator refresh (\(indicators.count))", value: milliseconds, unit: "ms", target: 100,
                    higherIsBetter: false))
                checks["every open position has an indicator, each as a single query gives it"] = indicatorsHold(indicators, venue.engine)
            }
            let crash = venue.crash()
            let started = ContinuousClock.now
            let events = venue.engine.apply(crash)
            let elapsed = ContinuousClock.now - started
            let round = events.lazy.compactMap { event -> DeleveragingRound? in
                if case .deleveraged(let round) = event { round } else { nil }
            }.first
            rounds = rounds && round.map { round in
                round.totalClosed == round.request.quantity
                    && round.counterparties.reduce(Quantity.zero) { $0 + $1.closed } == round.request.quantity
            } == true
            invariants = invariants && venue.engine.invariantViolations(includeReservations: false).isEmpty
            figures.append(BenchmarkFigure(
                name: "round \(policy.rawValue) (\(round?.counterparties.count ?? 0))",
                value: Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15,
                unit: "ms", target: nil, higherIsBetter: false))
        }
        checks["each engine round closed exactly the quantity it was asked for"] = rounds
        checks["the invariants hold after each engine round"] = invariants
        return BenchmarkResult(workload: "adl", figures: figures, checks: checks)
    }

    /// Every trader's open position has an indicator, in account order, and a sample of them equals
    /// what the single-position query (which counts the ranking directly) gives.
    static func indicatorsHold(_ indicators: [DeleveragingIndicator], _ engine: Engine) -> Bool {
        let open = engine.accounts.count { account in account.positions.contains { !$0.quantity.isZero } }
        let ordered = indicators.indices.dropFirst().allSatisfy { indicators[$0 - 1].account < indicators[$0].account }
        let sample = stride(from: 0, to: indicators.count, by: max(1, indicators.count / 7))
        return indicators.count == open && ordered && sample.allSatisfy { position in
            engine.deleveragingIndicator(account: indicators[position].account, symbol: ADLVenue.symbol) == indicators[position]
        }
    }
}
