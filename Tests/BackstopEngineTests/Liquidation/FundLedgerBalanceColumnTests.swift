import BackstopCore
@testable import BackstopEngine
import Testing

// Reproduces an engine bug (not copied to the main tree): when a liquidation fill's surplus goes to
// the fund beyond the fee, Engine.chargeLiquidationFee credits fee + surplus to the fund's cash before
// writing the liquidationFee line, so that line's balance already includes the surplus.

/// The ledger's balance column: each line's balance is the previous line's plus its amount.
@Suite struct FundLedgerBalanceColumnTests {
    struct ColumnCase: CustomTestStringConvertible, Sendable {
        var name: String
        var recipient: LiquidationSpec.SurplusRecipient
        var bids: [LiqBid]
        var testDescription: String { name }
    }

    /// Alice long 10 at 1 000 (bankruptcy 900) is liquidated at mark 940.
    @Test("every ledger line's balance is the previous balance plus its amount", arguments: [
        ColumnCase(name: "fee only, trader keeps the surplus", recipient: .trader,
                   bids: [LiqBid(quantity: "4", price: "920")]),
        ColumnCase(name: "fee and surplus to the fund", recipient: .insuranceFund,
                   bids: [LiqBid(quantity: "4", price: "920")]),
    ])
    func balanceColumn(_ test: ColumnCase) {
        let market = LiqFixtures.market(liquidation: LiqFixtures.rules(surplusRecipient: test.recipient))
        var venue = LiqFixtures.aliceLong(markets: [market])
        venue.liqBids(test.bids)
        venue.liqMark("940")
        let ledger = venue.liqPool.ledger
        var running = Money.zero
        for entry in ledger {
            running += entry.amount
            #expect(entry.balance == running, "\(entry.kind) line")
        }
        #expect(running == venue.liqFundCash)
        #expect(venue.engine.invariantViolations().isEmpty)
    }
}
