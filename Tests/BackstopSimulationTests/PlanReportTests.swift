import BackstopCore
import BackstopEngine
import BackstopSimulation
import Testing

/// The report `backstop adl-plan` prints.
@Suite struct PlanReportTests {
    /// A long is bankrupt at 650 with the mark at 640: the short counterparties buy back at 650,
    /// 10 above the mark, so each contract closed costs them 10. Three shorts with profits 600, 300
    /// and 100 (entries 700, 670, 650 on sizes 10, 10, 10); 10 contracts to absorb, shortfall 100.
    static let shorts = [
        DeleveragingCandidate(account: AccountID(1), size: Quantity("10")!, entryValue: Money("7000")!,
                              equity: Money("2000")!, walletBalance: Money("1400")!, maintenanceMargin: Money("32")!),
        DeleveragingCandidate(account: AccountID(2), size: Quantity("10")!, entryValue: Money("6700")!,
                              equity: Money("1000")!, walletBalance: Money("700")!, maintenanceMargin: Money("32")!),
        DeleveragingCandidate(account: AccountID(3), size: Quantity("10")!, entryValue: Money("6500")!,
                              equity: Money("500")!, walletBalance: Money("400")!, maintenanceMargin: Money("32")!),
    ]
    static let terms = DeleveragingTerms(
        bankruptSide: .buy, quantity: Quantity("10")!, executionPrice: Price("650")!, markPrice: Price("640")!,
        lotSize: Quantity("1")!)

    /// Pro-rata by profit 600 : 300 : 100 of 10 lots: 6, 3, 1; each loses 10 per lot, 10% of profit.
    @Test func proRataSpreadsTheHaircutEvenly() {
        let report = PlanReport(policy: .proRata, terms: Self.terms, candidates: Self.shorts)
        #expect(report.rows.map(\.closed) == [Quantity("6")!, Quantity("3")!, Quantity("1")!])
        #expect(report.rows.map(\.haircut) == [Money("60")!, Money("30")!, Money("10")!])
        #expect(report.rows.allSatisfy { $0.haircutFraction == Rate("0.1")! })
        #expect(report.summary.totalHaircut == report.summary.shortfall)
        #expect(report.summary.shortfall == Money("100")!)
        #expect(report.summary.gini == 0)
    }

    /// A queue takes the best-ranked whole: 10 contracts from one account, 100 of its profit.
    @Test func aQueueConcentratesIt() {
        let report = PlanReport(policy: .queueBitmex, terms: Self.terms, candidates: Self.shorts)
        #expect(report.summary.accountsTouched == 1)
        #expect(report.summary.totalClosed == Quantity("10")!)
        #expect(report.summary.gini > 0.6)
    }
}
