import BackstopCore
@testable import BackstopEngine
import Testing

/// The socialized loss (REFERENCE section 7): nothing closed; the shortfall is debited from winners
/// in proportion to their profit, each at most its profit.
@Suite struct SocializedLossPolicyTests {
    struct DebitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bankruptSide: Side
        var quantity: String
        var execution: String
        var mark: String
        /// Counterparties of 10 contracts: unrealized profit at the mark of each.
        var profits: [String]
        var debits: [String]
        var uncovered: String = "0"
        var testDescription: String { name }
    }

    @Test("debits in proportion to profit, capped by it", arguments: [
        // A long is bankrupt: shorts are bought back at 100 with the mark at 90, losing 10 a contract;
        // shortfall 3 × (100 − 90) = 30 over profits 100, 300, 200 (U = 600): 5, 15, 10. The loser pays
        // nothing.
        DebitCase(name: "short counterparties: shortfall 3 × (100 − 90) by profit", bankruptSide: .buy,
                  quantity: "3", execution: "100", mark: "90", profits: ["100", "300", "200", "-100"],
                  debits: ["5", "15", "10", "0"]),
        // Shortfall 10 over three equal profits: 3.33333333 each, the last unit to the first.
        DebitCase(name: "largest remainder in money units", bankruptSide: .buy, quantity: "1", execution: "100",
                  mark: "90", profits: ["100", "100", "100"], debits: ["3.33333334", "3.33333333", "3.33333333"]),
        // Shortfall 10 × 10 = 100 against U = 50: each pays its whole profit, 50 uncovered.
        DebitCase(name: "capped by profit, the rest uncovered", bankruptSide: .buy, quantity: "10",
                  execution: "100", mark: "90", profits: ["20", "30", "-5"], debits: ["20", "30", "0"],
                  uncovered: "50"),
        // A short is bankrupt: longs are sold at 650 with the mark at 660; 2 × 10 = 20 by 600:400.
        DebitCase(name: "long counterparties: shortfall 2 × (660 − 650)", bankruptSide: .sell, quantity: "2",
                  execution: "650", mark: "660", profits: ["600", "400"], debits: ["12", "8"]),
        DebitCase(name: "no winner: everything uncovered", bankruptSide: .buy, quantity: "3", execution: "100",
                  mark: "90", profits: ["-10", "0"], debits: ["0", "0"], uncovered: "30"),
        // The execution price is better than the mark for the counterparties: no shortfall.
        DebitCase(name: "nothing to share when the execution beats the mark", bankruptSide: .buy, quantity: "3",
                  execution: "90", mark: "100", profits: ["100", "50"], debits: ["0", "0"]),
        // 0.001 × 0.005 = 0.000005 exactly; shared 1:4.
        DebitCase(name: "a tiny shortfall in raw units", bankruptSide: .buy, quantity: "0.001",
                  execution: "100.005", mark: "100", profits: ["1", "4"], debits: ["0.000001", "0.000004"]),
    ])
    func debits(_ test: DebitCase) {
        let candidates = test.profits.enumerated().map { index, profit in
            test.bankruptSide == .buy
                ? ADL.short(UInt64(index + 1), size: "10", profit: profit, mark: test.mark)
                : ADL.long(UInt64(index + 1), size: "10", profit: profit, mark: test.mark)
        }
        let terms = ADL.terms(
            bankrupt: test.bankruptSide, quantity: test.quantity, execution: test.execution, mark: test.mark,
            lot: "0.001")
        let plan = SocializedLossPolicy().plan(terms, candidates: candidates)
        #expect(ADL.debits(plan, count: candidates.count) == test.debits.map { Money.of($0) })
        #expect(plan.uncovered == .of(test.uncovered))
        // Nothing is closed, and only winners appear.
        #expect(plan.totalClosed == .zero)
        #expect(plan.allocations.allSatisfy { $0.quantity == .zero && $0.debit.isPositive })
        #expect(plan.candidatesConsidered == candidates.count)
        // Debits and uncovered add up to the shortfall, quantity × (execution − mark) for shorts.
        let shortfall = max(.zero, terms.quantity.value(at: terms.haircutPerContract, rounding: .up))
        #expect(plan.allocations.reduce(Money.zero) { $0 + $1.debit } + plan.uncovered == shortfall)
    }

    /// Largest debit first, the profit as the score.
    @Test("the plan lists the largest debit first, with the profit as the score")
    func order() {
        let candidates = [
            ADL.short(1, size: "10", profit: "100", mark: "90"), ADL.short(2, size: "10", profit: "300", mark: "90"),
            ADL.short(3, size: "10", profit: "200", mark: "90"),
        ]
        let terms = ADL.terms(bankrupt: .buy, quantity: "3", execution: "100", mark: "90")
        let plan = SocializedLossPolicy().plan(terms, candidates: candidates)
        #expect(plan.allocations.map(\.candidate) == [1, 2, 0])
        #expect(plan.allocations.map(\.debit) == [.of("15"), .of("10"), .of("5")])
        #expect(plan.allocations.map(\.score) == [Score(.of("300")), Score(.of("200")), Score(.of("100"))])
    }
}
