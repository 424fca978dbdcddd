import BackstopCore
@testable import BackstopEngine
import Testing

/// Leverage draining at its edges: equity that cannot cover the haircut, and extreme leverage.
@Suite struct LeverageDrainingEdgeTests {
    /// A position without positive equity is "drained whole first", even when it alone holds more
    /// than the quantity: 3 contracts closed for a quantity of 2.
    @Test("non-positive equity holding more than the quantity: closes exactly the quantity")
    func nonPositiveEquityOvercloses() {
        let candidates = [
            ADL.candidate(1, size: "3", entryValue: "270", equity: "-10"),
            ADL.candidate(2, size: "10", entryValue: "900", equity: "100"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "2", execution: "100", mark: "100")
        let plan = LeverageDrainingPolicy().plan(terms, candidates: candidates)
        #expect(plan.totalClosed == .of("2"))
        #expect(ADL.closed(plan, count: 2) == [.of("2"), .zero])
    }

    /// Haircut 10 a contract (closed at 90, mark 100). Account 1 holds 10 with equity 50 < 10 × 10:
    /// its cut jumps from 0 to all 10 at its leverage 20, so 10 contracts are closed for 4.
    @Test("equity at or below the whole position's haircut: closes exactly the quantity")
    func smallEquityOvercloses() {
        let candidates = [
            ADL.candidate(1, size: "10", entryValue: "900", equity: "50"),
            ADL.candidate(2, size: "10", entryValue: "900", equity: "1000"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "4", execution: "90", mark: "100")
        let plan = LeverageDrainingPolicy().plan(terms, candidates: candidates)
        #expect(plan.totalClosed == .of("4"))
    }

    @Test("random rounds, including non-positive and small equity: exact totals")
    func closesExactlyAnyEquity() {
        let instances = DeleveragingPropertyTests.instances(seed: 0x5EED_0001, count: 400, shape: .any, wellPosed: false)
        var failures = 0
        for instance in instances {
            let plan = LeverageDrainingPolicy().plan(instance.terms, candidates: instance.candidates)
            if !DeleveragingPropertyTests.closingViolations(plan, instance).isEmpty { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(instances.count) rounds")
    }

    /// Leverage notional / equity = 1,000 / 0.00000001 = 10¹¹, beyond `Rate`: the bisection's upper
    /// bound clamps to `Int64.max` and `high − low + 1` overflows.
    @Test("a counterparty with a tiny positive equity does not trap")
    func tinyEquityTraps() async {
        await #expect(processExitsWith: .success) {
            let candidates = [ADL.candidate(1, size: "1", entryValue: "900", equity: "0.00000001")]
            let terms = ADL.terms(bankrupt: .sell, quantity: "1", execution: "1000", mark: "1000")
            _ = LeverageDrainingPolicy().plan(terms, candidates: candidates)
        }
    }

    /// Leverage 10⁸ (notional 1,000,000 on equity 0.01) next to a counterparty with equity 2,000,000:
    /// `level × equity.raw × 10⁸` passes 2¹²⁷ near the top of the bisection.
    @Test("a high-leverage counterparty next to a large equity does not trap")
    func largeProductTraps() async {
        await #expect(processExitsWith: .success) {
            let candidates = [
                ADL.candidate(1, size: "10", entryValue: "990000", equity: "0.01"),
                ADL.candidate(2, size: "1", entryValue: "90000", equity: "2000000"),
            ]
            let terms = ADL.terms(bankrupt: .sell, quantity: "1", execution: "100000", mark: "100000")
            _ = LeverageDrainingPolicy().plan(terms, candidates: candidates)
        }
    }
}
