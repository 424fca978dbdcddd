import BackstopCore
@testable import BackstopEngine
import Testing

/// Pro-rata (REFERENCE section 8): shares of the quantity in proportion to profit, in whole lots.
@Suite struct ProRataPolicyTests {
    /// A long counterparty at mark 100: its size and unrealized profit.
    struct Holding: Sendable {
        var size: String
        var profit: String
    }

    struct ShareCase: CustomTestStringConvertible, Sendable {
        var name: String
        var holdings: [Holding]
        var quantity: String
        var lot: String = "1"
        /// Contracts closed per holding, in order.
        var expected: [String]
        var testDescription: String { name }
    }

    static func run(_ holdings: [Holding], quantity: String, lot: String, policy: some DeleveragingPolicy)
        -> (plan: DeleveragingPlan, closed: [Quantity])
    {
        let candidates = holdings.enumerated().map { index, holding in
            ADL.long(UInt64(index + 1), size: holding.size, profit: holding.profit)
        }
        let terms = ADL.terms(bankrupt: .sell, quantity: quantity, execution: "99", mark: "100", lot: lot)
        let plan = policy.plan(terms, candidates: candidates)
        return (plan, ADL.closed(plan, count: candidates.count))
    }

    @Test("pro-rata shares, worked by hand", arguments: [
        // 10 × 100/1000, 10 × 300/1000, 10 × 600/1000: exact.
        ShareCase(name: "shares proportional to profit",
                  holdings: [Holding(size: "20", profit: "100"), Holding(size: "20", profit: "300"),
                             Holding(size: "20", profit: "600")],
                  quantity: "10", expected: ["1", "3", "6"]),
        // 10 lots of 0.1 by 1:2:4: 10/7 = 1 r 3, 20/7 = 2 r 6, 40/7 = 5 r 5; floors 1 + 2 + 5 = 8, the two
        // lots left go to the remainders 6 and 5: 1, 3, 6 lots.
        ShareCase(name: "floor, then the largest remainders, in lots of 0.1",
                  holdings: [Holding(size: "5", profit: "100"), Holding(size: "5", profit: "200"),
                             Holding(size: "5", profit: "400")],
                  quantity: "1", lot: "0.1", expected: ["0.1", "0.3", "0.6"]),
        // 10 × 100/300 = 3 r 100 each: the one lot left goes to the first.
        ShareCase(name: "equal remainders: the earlier candidate gets the lot",
                  holdings: [Holding(size: "20", profit: "100"), Holding(size: "20", profit: "100"),
                             Holding(size: "20", profit: "100")],
                  quantity: "10", expected: ["4", "3", "3"]),
        // 12 by 1:1:2 would be 3, 3, 6, but the third holds 4: it gives 4, and the other 8 are shared
        // 1:1 by the first two.
        ShareCase(name: "a winner capped by its position, its excess shared among the others",
                  holdings: [Holding(size: "20", profit: "100"), Holding(size: "20", profit: "100"),
                             Holding(size: "4", profit: "200")],
                  quantity: "12", expected: ["4", "4", "4"]),
        // Profits 0, −50, −10: no winner, so by size 2:3:5: 5 × 2/10 = 1 r 0, 15/10 = 1 r 5,
        // 25/10 = 2 r 5; the lot left goes to the earlier of the equal remainders.
        ShareCase(name: "no winner in profit: shared by size",
                  holdings: [Holding(size: "2", profit: "0"), Holding(size: "3", profit: "-50"),
                             Holding(size: "5", profit: "-10")],
                  quantity: "5", expected: ["1", "2", "2"]),
        // Winners hold 3 + 2 = 5 < 10: both closed whole; the other 5 by size 4:6 = 2, 3.
        ShareCase(name: "winners holding less than the quantity: all closed, the rest by size",
                  holdings: [Holding(size: "3", profit: "50"), Holding(size: "2", profit: "10"),
                             Holding(size: "4", profit: "-20"), Holding(size: "6", profit: "0")],
                  quantity: "10", expected: ["3", "2", "2", "3"]),
        ShareCase(name: "a loser is left alone while winners hold enough",
                  holdings: [Holding(size: "10", profit: "100"), Holding(size: "10", profit: "-100")],
                  quantity: "3", expected: ["3", "0"]),
        // 2 lots by 5:2: 10/7 = 1 r 3, 4/7 = 0 r 4: the lot left goes to the second (min-max differs).
        ShareCase(name: "largest remainder, not smallest fraction",
                  holdings: [Holding(size: "10", profit: "500"), Holding(size: "10", profit: "200")],
                  quantity: "2", expected: ["1", "1"]),
    ])
    func shares(_ test: ShareCase) {
        let (plan, closed) = Self.run(test.holdings, quantity: test.quantity, lot: test.lot, policy: ProRataPolicy())
        #expect(closed == test.expected.map { Quantity.of($0) })
        #expect(plan.totalClosed == .of(test.quantity))
        #expect(plan.allocations.allSatisfy { $0.quantity.isPositive && $0.debit == .zero })
        #expect(plan.candidatesConsidered == test.holdings.count)
    }

    /// Largest share first, equal shares in candidate order; each allocation carries the profit as
    /// its score.
    @Test("the plan lists the largest share first, with the profit as the score")
    func planOrder() {
        let (plan, _) = Self.run(
            [Holding(size: "20", profit: "100"), Holding(size: "20", profit: "600"), Holding(size: "20", profit: "300"),
             Holding(size: "20", profit: "300")],
            quantity: "13", lot: "1", policy: ProRataPolicy())
        // 13 × 100/1300 = 1, 13 × 600/1300 = 6, 13 × 300/1300 = 3 and 3: exact.
        #expect(plan.allocations.map(\.candidate) == [1, 2, 3, 0])
        #expect(plan.allocations.map(\.quantity) == [.of("6"), .of("3"), .of("3"), .of("1")])
        #expect(plan.allocations.map(\.score) == [Score(.of("600")), Score(.of("300")), Score(.of("300")), Score(.of("100"))])
    }

    /// Every winner loses the same fraction of its profit when the shares are exact: the haircut per
    /// contract is 1 (closed at 99, mark 100), so 1, 3 and 6 contracts cost 1, 3 and 6 of profits 100,
    /// 300 and 600: 1% each, which is B / U = 10 / 1000.
    @Test("exact shares take the same fraction of every winner's profit")
    func equalFractions() {
        let candidates = [
            ADL.long(1, size: "20", profit: "100"), ADL.long(2, size: "20", profit: "300"),
            ADL.long(3, size: "20", profit: "600"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "10", execution: "99", mark: "100")
        let plan = ProRataPolicy().plan(terms, candidates: candidates)
        for allocation in plan.allocations {
            let candidate = candidates[allocation.candidate]
            let haircut = candidate.haircut(closing: allocation.quantity, terms: terms)
            let profit = candidate.unrealizedPnL(at: terms.markPrice, side: .buy)
            #expect(haircut.ratio(to: profit, rounding: .down) == Rate.of("0.01"))
        }
        #expect(plan.largestHaircutFraction(terms, candidates: candidates) == ExactFraction(10, over: 1000))
    }
}
