import BackstopCore
@testable import BackstopEngine
import Testing

/// Leverage draining (REFERENCE section 8, Campbell, Hey, Moallemi, Nutz): the most levered are cut
/// first, down to a common leverage level.
@Suite struct LeverageDrainingPolicyTests {
    /// A long counterparty at mark 100: its size and equity (entry at 90, so every one is in profit).
    struct Holding: Sendable {
        var size: String
        var equity: String
    }

    struct DrainCase: CustomTestStringConvertible, Sendable {
        var name: String
        var holdings: [Holding]
        var quantity: String
        /// The execution price; the mark is 100, so the haircut per contract is `100 − execution`.
        var execution: String = "100"
        /// Contracts closed per holding, in order.
        var expected: [String]
        var testDescription: String { name }
    }

    /// Three longs of 10 at mark 100 (notional 1,000) with equity 100, 200 and 500: leverage 10, 5
    /// and 2. With no haircut, reaching level `L` takes `q = 10 − L·e/100`: `10 − L`, `10 − 2L`,
    /// `10 − 5L`.
    static let threeLevels = [Holding(size: "10", equity: "100"), Holding(size: "10", equity: "200"),
                              Holding(size: "10", equity: "500")]

    @Test("the most levered are cut first, down to a common level", arguments: [
        // 10 − L = 5 at L = 5: the first down to the second's 5x; the second not yet touched.
        DrainCase(name: "5 contracts: only the 10x one, down to 5x", holdings: threeLevels, quantity: "5",
                  expected: ["5", "0", "0"]),
        // Between 2x and 5x: (10 − L) + (10 − 2L) = 8 at L = 4: 6 and 2, both left at 4x (4 × 100 / 100
        // and 8 × 100 / 200).
        DrainCase(name: "8 contracts: the two most levered to 4x", holdings: threeLevels, quantity: "8",
                  expected: ["6", "2", "0"]),
        // 20 − 3L = 13 at L = 7/3: on the grid L = 2.33333333 gives 7.66666667 and 5.33333334; floors 7
        // and 5, the lot left to the larger fractional part .66666667.
        DrainCase(name: "13 contracts: floors, then the largest fractional part", holdings: threeLevels,
                  quantity: "13", expected: ["8", "5", "0"]),
        // Below 2x all three cut: 30 − 8L = 15 at L = 1.875: 8.125, 6.25, 0.625; floors 8, 6, 0 and the
        // lot left to the largest fraction, .625.
        DrainCase(name: "15 contracts: all three to 1.875x", holdings: threeLevels, quantity: "15",
                  expected: ["8", "6", "1"]),
        DrainCase(name: "30 contracts: everything", holdings: threeLevels, quantity: "30",
                  expected: ["10", "10", "10"]),
        // Closed at 90 with mark 100: haircut 10 a contract, q = (1000 − L·e) / (100 − 10L). At L = 5:
        // (1000 − 750)/50 = 5, (1000 − 900)/50 = 2, and 1000 − 1250 < 0 for the third (4x already).
        // Afterwards 5 × 100 / (150 − 50) = 5 and 8 × 100 / (180 − 20) = 5.
        DrainCase(name: "with a haircut of 10: equity shrinks too, both to 5x",
                  holdings: [Holding(size: "10", equity: "150"), Holding(size: "10", equity: "180"),
                             Holding(size: "10", equity: "250")],
                  quantity: "7", execution: "90", expected: ["5", "2", "0"]),
        // Non-positive equity is drained whole first (3 and 2), then the 10x one to L = 8: 2 more;
        // the 5x one would need L < 5.
        DrainCase(name: "non-positive equity drained first",
                  holdings: [Holding(size: "10", equity: "100"), Holding(size: "3", equity: "-10"),
                             Holding(size: "10", equity: "200"), Holding(size: "2", equity: "0")],
                  quantity: "7", expected: ["2", "3", "0", "2"]),
    ])
    func drain(_ test: DrainCase) {
        let candidates = test.holdings.enumerated().map { index, holding in
            ADL.candidate(UInt64(index + 1), size: holding.size, entryValue: Quantity.of(holding.size)
                .value(at: .of("90"), rounding: .down).description, equity: holding.equity)
        }
        let terms = ADL.terms(bankrupt: .sell, quantity: test.quantity, execution: test.execution, mark: "100")
        let plan = LeverageDrainingPolicy().plan(terms, candidates: candidates)
        #expect(ADL.closed(plan, count: candidates.count) == test.expected.map { Quantity.of($0) })
        #expect(plan.totalClosed == .of(test.quantity))
        // Executed in order of leverage, highest (non-positive equity) first.
        let scores = plan.allocations.map { $0.score! }
        #expect(scores == scores.sorted(by: >))
    }

    /// After the 8-contract plan both cut positions sit at exactly 4x, the untouched one at 2x: no
    /// one is left above the level, and the cut ones reach it.
    @Test("leverage after the cut: the cut ones at the common level, the rest below it")
    func commonLevelAfterwards() {
        let candidates = Self.threeLevels.enumerated().map { index, holding in
            ADL.candidate(UInt64(index + 1), size: holding.size, entryValue: "900", equity: holding.equity)
        }
        let terms = ADL.terms(bankrupt: .sell, quantity: "8", execution: "100", mark: "100")
        let plan = LeverageDrainingPolicy().plan(terms, candidates: candidates)
        let closed = ADL.closed(plan, count: 3)
        let after = candidates.indices.map { index -> Score in
            let candidate = candidates[index]
            let left = candidate.size - closed[index]
            return Score.ratio(left.value(at: terms.markPrice, rounding: .down),
                               candidate.equity - candidate.haircut(closing: closed[index], terms: terms))!
        }
        #expect(after == [.of("4"), .of("4"), .of("2")])
        #expect(plan.allocations.map(\.score) == [.of("10"), .of("5")])
    }

    /// Quantities 1 to 30 over the three levels: the plan closes exactly the quantity, each within
    /// its position, the most levered never giving less than a less levered one (they all start at
    /// 10 contracts) and the 2x one untouched until the others are below 2x (more than 14).
    @Test("totals are exact at every quantity, most levered cut most")
    func totalsExact() {
        let candidates = Self.threeLevels.enumerated().map { index, holding in
            ADL.candidate(UInt64(index + 1), size: holding.size, entryValue: "900", equity: holding.equity)
        }
        for quantity in 1...30 {
            let terms = ADL.terms(bankrupt: .sell, quantity: "\(quantity)", execution: "100", mark: "100")
            let plan = LeverageDrainingPolicy().plan(terms, candidates: candidates)
            let closed = ADL.closed(plan, count: 3)
            #expect(plan.totalClosed == terms.quantity, "quantity \(quantity)")
            #expect(closed[0] >= closed[1] && closed[1] >= closed[2], "quantity \(quantity): \(closed)")
            #expect(closed.allSatisfy { $0 <= .of("10") })
            if quantity <= 5 { #expect(closed[1].isZero, "quantity \(quantity)") }
            if quantity <= 14 { #expect(closed[2].isZero, "quantity \(quantity)") }
        }
    }

    /// The same positions in any order give the same cuts: the policy depends on the candidates, not
    /// on their order (ties in the fractional part go to the lower account).
    @Test("the plan does not depend on the order of the candidates")
    func orderIndependent() {
        let candidates = [
            ADL.candidate(1, size: "10", entryValue: "900", equity: "100"),
            ADL.candidate(2, size: "7", entryValue: "630", equity: "70"),
            ADL.candidate(3, size: "10", entryValue: "900", equity: "300"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "6", execution: "100", mark: "100", lot: "1")
        let forward = ADL.closed(LeverageDrainingPolicy().plan(terms, candidates: candidates), count: 3)
        let reversed = Array(candidates.reversed())
        let backward = ADL.closed(LeverageDrainingPolicy().plan(terms, candidates: reversed), count: 3)
        #expect(forward == Array(backward.reversed()))
        // Both 10x: 10 − L and 7 − 0.7L sum to 6 at L = 11/1.7 = 6.47: 3.53 and 2.47; floors 3 and 2, the
        // lot left to the larger fraction (.53).
        #expect(forward == [.of("4"), .of("2"), .zero])
    }
}
