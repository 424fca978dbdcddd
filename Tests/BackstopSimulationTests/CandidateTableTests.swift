import BackstopCore
import BackstopEngine
import BackstopSimulation
import Testing

/// Reading `backstop adl-plan`'s candidate file: bad input names the row and the column.
@Suite struct CandidateTableTests {
    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var problem: String
        var testDescription: String { name }
    }

    @Test("bad files are refused with the row and column", arguments: [
        Bad(name: "missing column", text: "account,size,entry_price\n1,-2,100\n",
            problem: "row 1, column equity: missing from the header"),
        Bad(name: "non-numeric size", text: "account,size,entry_price,equity\n1,-2,100,50\n2,abc,100,50\n",
            problem: "row 3, column size: 'abc' is not a decimal number"),
        Bad(name: "candidate on the bankrupt side", text: "account,size,entry_price,equity\n1,2,100,50\n",
            problem: "row 2, column size: 2 is not on the counterparty side: candidates must be short (negative size)"),
        Bad(name: "account not a number", text: "account,size,entry_price,equity\nbob,-2,100,50\n",
            problem: "row 2, column account: 'bob' is not an account number"),
        Bad(name: "account twice", text: "account,size,entry_price,equity\n1,-2,100,50\n1,-1,100,50\n",
            problem: "row 3, column account: account 1 appears twice"),
        Bad(name: "too precise equity", text: "account,size,entry_price,equity\n1,-2,100,0.000000001\n",
            problem: "row 2, column equity: '0.000000001' has more than 8 decimal places"),
        Bad(name: "zero entry price", text: "account,size,entry_price,equity\n1,-2,0,5\n",
            problem: "row 2, column entry_price: must be positive"),
        Bad(name: "short row", text: "account,size,entry_price,equity\n1,-2,100\n",
            problem: "row 2, column equity: missing"),
    ])
    func refuses(_ bad: Bad) {
        #expect {
            _ = try CandidateTable.read(bad.text, bankruptSide: .buy, mark: Price("100")!, defaultMaintenanceRate: Rate("0.005")!)
        } throws: { error in
            (error as? CandidateTable.Problem)?.description == bad.problem
        }
    }

    /// A short of 2 at 100 with the mark at 90: entry value 200, profit 200 − 180 = 20, so the wallet
    /// defaults to equity − profit = 30; maintenance defaults to 180 × 0.5% = 0.9.
    @Test func optionalColumnsTakeTheirDefaults() throws {
        let candidates = try CandidateTable.read(
            " Account , Size ,entry_price,equity\n7, -2 ,100,50\n", bankruptSide: .buy, mark: Price("90")!,
            defaultMaintenanceRate: Rate("0.005")!)
        #expect(candidates == [DeleveragingCandidate(
            account: AccountID(7), size: Quantity("2")!, entryValue: Money("200")!, equity: Money("50")!,
            walletBalance: Money("30")!, maintenanceMargin: Money("0.9")!)])
    }

    @Test func givenColumnsAreUsed() throws {
        let candidates = try CandidateTable.read(
            "account,size,entry_price,equity,wallet_balance,maintenance_margin\n7,3,100,50,45,2.5\n",
            bankruptSide: .sell, mark: Price("110")!, defaultMaintenanceRate: Rate("0.005")!)
        #expect(candidates.first?.walletBalance == Money("45")!)
        #expect(candidates.first?.maintenanceMargin == Money("2.5")!)
    }
}
