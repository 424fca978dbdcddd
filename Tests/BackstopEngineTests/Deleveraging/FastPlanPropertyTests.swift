import BackstopCore
@testable import BackstopEngine
import Testing

/// The queue, pro-rata and min-max plans, which score or weigh exactly only the candidates that can
/// matter, and leverage draining, which keeps only the candidates it cuts, against
/// ``DeleveragingReference``, which does everyone: seeded random rounds with ties,
/// equal scores, zero and negative equity, zero and off-grid sizes, and tiny and huge values, under
/// tunings that make the selections guess on small inputs (and guess too high, so they retry).
@Suite struct FastPlanPropertyTests {
    /// What a round's candidates look like.
    enum Population: String, CaseIterable, Sendable {
        /// A BTC-like market: sizes of a few lots, entries within 30% of the mark, equity of 5 to 500.
        case ordinary
        /// A handful of positions repeated under different accounts: equal scores everywhere.
        case ties
        /// The same handful, each copy a few raw units off in entry value and equity: scores a
        /// hair apart, where a bound that is not an upper bound would drop one.
        case nearTies
        /// Anything that fits: zero, negative, one-unit and near-2⁵⁹ values, marks of one unit to 10⁸,
        /// even negative sizes.
        case edges
    }

    /// Tunings that sample a handful of candidates and so guess, and retry, on small inputs.
    static let tunings = [
        SelectionTuning(sampleSize: 4, minimumKept: 1, smallestSelection: 0, marginPercents: [100]),
        SelectionTuning(sampleSize: 16, minimumKept: 2, smallestSelection: 0, marginPercents: [30, 200, 1_600]),
        SelectionTuning(sampleSize: 64, minimumKept: 3, smallestSelection: 0, marginPercents: [110, 400]),
        SelectionTuning(sampleSize: 1_000, minimumKept: 1, smallestSelection: 0, marginPercents: [5, 50]),
    ]

    /// A raw value in `range`, uniformly.
    static func draw(_ range: ClosedRange<Int64>, _ generator: inout SplitMix64) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        return range.lowerBound &+ Int64(bitPattern: width == 0 ? generator.next() : generator.next() % width)
    }

    /// A random round of `count` candidates on a random side, with distinct, shuffled accounts.
    static func round(_ population: Population, count: Int, _ generator: inout SplitMix64) -> (DeleveragingTerms, [DeleveragingCandidate]) {
        let lot: Int64 = [1, 1_000, 100_000, 100_000_000][Int(generator.next() % 4)]
        let mark: Int64 = switch population {
        case .ordinary: draw(50_000 * 100_000_000...70_000 * 100_000_000, &generator)
        case .ties, .nearTies: draw(1...5, &generator) * 1_000_000_000
        case .edges: [draw(1...10_000, &generator), draw(100_000_000...10_000_000_000_000, &generator),
                      draw(1_000_000_000_000_000...10_000_000_000_000_000, &generator)][Int(generator.next() % 3)]
        }
        var templates: [DeleveragingCandidate] = []
        let repeated = population == .ties || population == .nearTies
        for _ in 0..<(repeated ? 3 : count) {
            templates.append(candidate(population, mark: mark, lot: lot, &generator))
        }
        var accounts = (0..<count).map { UInt64($0) }
        for index in accounts.indices.reversed() {
            accounts.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        let candidates = (0..<count).map { index in
            var candidate = templates[repeated ? Int(generator.next() % 3) : index]
            candidate.account = AccountID(accounts[index] * 3 + 1)
            if population == .nearTies {
                candidate.entryValue += Money(raw: draw(-3...3, &generator))
                candidate.equity += Money(raw: draw(0...3, &generator))
            }
            return candidate
        }
        let totalLots = candidates.reduce(Int64(0)) { $0 + max(0, $1.size.raw / lot) }
        let lots = draw(1...max(1, min(totalLots + totalLots / 10 + 1, (1 << 60) / lot)), &generator)
        let execution = draw(1...mark * 2, &generator)
        let terms = DeleveragingTerms(
            bankruptSide: generator.next() % 2 == 0 ? .buy : .sell, quantity: Quantity(raw: lots * lot),
            executionPrice: Price(raw: execution), markPrice: Price(raw: mark), lotSize: Quantity(raw: lot),
            seed: generator.next())
        return (terms, candidates)
    }

    /// One candidate whose value at the mark, entry value and entry price all fit with room to spare.
    static func candidate(_ population: Population, mark: Int64, lot: Int64, _ generator: inout SplitMix64) -> DeleveragingCandidate {
        let edges = population == .edges
        var lots = edges && generator.next() % 8 == 0 ? draw(0...2, &generator) : draw(1...40, &generator)
        if edges, generator.next() % 8 == 0 { lots = draw(1_000...1_000_000_000, &generator) }
        var size = lots * lot + (edges && generator.next() % 4 == 0 ? draw(0...lot - 1, &generator) : 0)
        // Keep the size below 2⁴⁸ and its value at the mark below 2⁵⁸.
        while size >= 1 << 48 || (size > 0 && Int128(size) * Int128(mark) / 100_000_000 >= 1 << 58) { size /= 2 }
        // Now and then a negative size, which the engine never lists but the policies must take as before.
        if edges, generator.next() % 16 == 0 { size = -size }
        let notional = Int64(Int128(size) * Int128(mark) / 100_000_000)
        let entryPrice = Int64(Double(mark) * (0.7 + 0.6 * Double(generator.next() % 1_000) / 1_000))
        var entryValue = generator.next() % 5 == 0
            ? notional : Int64(Int128(size) * Int128(entryPrice) / 100_000_000)
        if edges {
            switch generator.next() % 6 {
            case 0: entryValue = 0
            case 1: entryValue = -draw(1...1_000_000, &generator)
            case 2: entryValue = notional + draw(-3...3, &generator)
            default: break
            }
        }
        let equity: Int64 = switch edges ? generator.next() % 7 : 6 {
        case 0: -draw(0...max(1, notional), &generator)
        case 1: 0
        case 2: draw(1...100, &generator)
        case 3: draw(1 << 55...1 << 58, &generator)
        case 4: draw(1...max(1, notional / 1_000), &generator)
        default: draw(500_000_000...50_000_000_000, &generator)
        }
        let wallet: Int64 = switch generator.next() % 3 {
        case 0: edges ? draw(-1_000...200_000_000, &generator) : draw(1_000_000...5_000_000_000, &generator)
        case 1: draw(1_000_000...5_000_000_000, &generator)
        default: equity
        }
        let maintenance: Int64 = edges && generator.next() % 4 == 0
            ? draw(-1_000...1_000, &generator) : notional / 250 + draw(0...1, &generator)
        return DeleveragingCandidate(
            account: AccountID(0), size: Quantity(raw: size), entryValue: Money(raw: entryValue),
            equity: Money(raw: equity), walletBalance: Money(raw: wallet), maintenanceMargin: Money(raw: maintenance))
    }

    /// Where two plans first differ, or `nil` when they are equal.
    static func difference(_ plan: DeleveragingPlan, _ expected: DeleveragingPlan) -> String? {
        guard plan != expected else { return nil }
        for (position, (got, wanted)) in zip(plan.allocations, expected.allocations).enumerated() where got != wanted {
            return "allocation \(position): \(got) instead of \(wanted)"
        }
        return "\(plan.allocations.count) allocations instead of \(expected.allocations.count), "
            + "\(plan.candidatesConsidered) considered instead of \(expected.candidatesConsidered)"
    }

    struct Setup: CustomTestStringConvertible, Sendable {
        var population: Population
        var seed: UInt64
        var testDescription: String { "\(population.rawValue) rounds, seed \(seed)" }
    }

    static let setups = Population.allCases.enumerated().map { Setup(population: $1, seed: 0xFA57_0000 + UInt64($0)) }

    @Test("the queues' plans equal scoring everyone exactly", arguments: setups)
    func queues(_ setup: Setup) {
        var generator = SplitMix64(seed: setup.seed)
        for number in 0..<300 {
            let (terms, candidates) = Self.round(setup.population, count: Int(Self.draw(1...120, &generator)), &generator)
            for ranking in [QueuePolicy.Ranking.bitmex, .binance, .hyperliquid, .whitebit] {
                let expected = DeleveragingReference.queuePlan(ranking, terms, candidates)
                for (tuningNumber, tuning) in Self.tunings.enumerated() {
                    let plan = QueuePolicy(ranking: ranking).plan(terms, candidates: candidates, tuning: tuning)
                    #expect(Self.difference(plan, expected) == nil, "round \(number), \(ranking), tuning \(tuningNumber)")
                }
            }
        }
    }

    @Test("pro-rata's and min-max's plans equal weighing everyone exactly", arguments: setups)
    func proportional(_ setup: Setup) {
        var generator = SplitMix64(seed: setup.seed ^ 0xFF)
        for number in 0..<300 {
            let (terms, candidates) = Self.round(setup.population, count: Int(Self.draw(1...120, &generator)), &generator)
            let proRata = DeleveragingReference.profitWeightedPlan(minMax: false, terms, candidates)
            let minMax = DeleveragingReference.profitWeightedPlan(minMax: true, terms, candidates)
            for (tuningNumber, tuning) in Self.tunings.enumerated() {
                #expect(Self.difference(ProRataPolicy().plan(terms, candidates: candidates, tuning: tuning), proRata) == nil,
                        "round \(number), pro-rata, tuning \(tuningNumber)")
                #expect(Self.difference(MinMaxPolicy().plan(terms, candidates: candidates, tuning: tuning), minMax) == nil,
                        "round \(number), min-max, tuning \(tuningNumber)")
            }
        }
    }

    @Test("leverage draining's plan equals cutting everyone in dense arrays", arguments: setups)
    func leverageDraining(_ setup: Setup) {
        var generator = SplitMix64(seed: setup.seed ^ 0x1D)
        for number in 0..<300 {
            let (terms, candidates) = Self.round(setup.population, count: Int(Self.draw(1...120, &generator)), &generator)
            #expect(Self.difference(LeverageDrainingPolicy().plan(terms, candidates: candidates),
                                    DeleveragingReference.leverageDrainingPlan(terms, candidates)) == nil, "round \(number)")
        }
    }

    /// Rounds big enough for the standard tuning to sample, with about a hundredth of the candidates
    /// needed: the selections as the engine runs them.
    @Test("at scale, with the standard tuning, every fast plan equals the reference", arguments: Population.allCases)
    func atScale(_ population: Population) {
        var generator = SplitMix64(seed: 0x5CA1E + UInt64(Population.allCases.firstIndex(of: population)!))
        for number in 0..<3 {
            var (terms, candidates) = Self.round(population, count: 6_000, &generator)
            let lots = candidates.reduce(Int64(0)) { $0 + max(0, $1.size.raw / terms.lotSize.raw) }
            terms.quantity = Quantity(raw: max(1, lots / 100) * terms.lotSize.raw)
            for ranking in [QueuePolicy.Ranking.bitmex, .binance, .hyperliquid, .whitebit] {
                let plan = QueuePolicy(ranking: ranking).plan(terms, candidates: candidates)
                #expect(Self.difference(plan, DeleveragingReference.queuePlan(ranking, terms, candidates)) == nil,
                        "round \(number), \(ranking)")
            }
            let proRata = ProRataPolicy().plan(terms, candidates: candidates)
            #expect(Self.difference(proRata, DeleveragingReference.profitWeightedPlan(minMax: false, terms, candidates)) == nil,
                    "round \(number), pro-rata")
            let minMax = MinMaxPolicy().plan(terms, candidates: candidates)
            #expect(Self.difference(minMax, DeleveragingReference.profitWeightedPlan(minMax: true, terms, candidates)) == nil,
                    "round \(number), min-max")
            #expect(Self.difference(LeverageDrainingPolicy().plan(terms, candidates: candidates),
                                    DeleveragingReference.leverageDrainingPlan(terms, candidates)) == nil, "round \(number), draining")
        }
    }
}
