import BackstopCore
@testable import BackstopEngine
import Testing

/// The venues' queues (REFERENCE section 6): the four rankings worked by hand, and the queue itself.
@Suite struct QueuePolicyTests {
    // MARK: BitMEX's worked example

    /// A 20-contract short is bankrupt at $650 with the mark at $660. BitMEX's queue holds #2 (long
    /// 10) first, then #5 (long 20): ADL closes all 10 of #2 and 10 of #5's 20, both at $650.
    ///
    /// - #2: long 10 from $500: entry value 5,000, notional 10 × 660 = 6,600, PnL 1,600,
    ///   PnL% = 1,600 / 5,000 = 0.32; equity 1,320, effective leverage 6,600 / 1,320 = 5; score 1.6.
    /// - #5: long 20 from $600: entry value 12,000, notional 13,200, PnL 1,200, PnL% = 0.1;
    ///   equity 6,600, leverage 2; score 0.2.
    /// - #8: long 15 from $700, at a loss (PnL −600): a negative score, never reached.
    @Test("BitMEX's worked example: all 10 of #2, then 10 of #5's 20, at the bankruptcy price")
    func bitmexWorkedExample() {
        let candidates = [
            ADL.candidate(5, size: "20", entryValue: "12000", equity: "6600"),
            ADL.candidate(8, size: "15", entryValue: "10500", equity: "2000"),
            ADL.candidate(2, size: "10", entryValue: "5000", equity: "1320"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "20", execution: "650", mark: "660")
        let plan = QueuePolicy(ranking: .bitmex).plan(terms, candidates: candidates)
        #expect(plan.allocations == [
            DeleveragingAllocation(candidate: 2, quantity: .of("10"), debit: .zero, score: .of("1.6")),
            DeleveragingAllocation(candidate: 0, quantity: .of("10"), debit: .zero, score: .of("0.2")),
        ])
        #expect(plan.totalClosed == .of("20"))
        #expect(plan.candidatesConsidered == 3)
        #expect(plan.uncovered == .zero)
        // Closed at 650 instead of 660: each long gives up $10 a contract against the mark.
        #expect(terms.haircutPerContract == .of("10"))
        #expect(candidates[2].haircut(closing: .of("10"), terms: terms) == .of("100"))
        #expect(candidates[0].haircut(closing: .of("10"), terms: terms) == .of("100"))
        #expect(QueuePolicy(ranking: .bitmex).priority(of: candidates[1], side: .buy, mark: .of("660")) < .zero)
    }

    // MARK: The four rankings by hand

    struct ScoreCase: CustomTestStringConvertible, Sendable {
        var name: String
        var ranking: QueuePolicy.Ranking
        /// The counterparty's side.
        var side: Side = .buy
        var size: String = "2"
        var entryValue: String
        var equity: String
        var wallet: String? = nil
        var maintenance: String = "0"
        var mark: String = "100"
        var expected: Score
        var testDescription: String { name }
    }

    @Test("each venue's score, worked by hand", arguments: [
        // BitMEX: PnL% × leverage in profit, PnL% / leverage otherwise (2 contracts, mark 100: notional 200).
        ScoreCase(name: "bitmex: long in profit, 40/160 × 200/50 = 0.25 × 4", ranking: .bitmex,
                  entryValue: "160", equity: "50", expected: .of("1")),
        ScoreCase(name: "bitmex: long at a loss, (−50/250) / (200/100) = −0.2 / 2", ranking: .bitmex,
                  entryValue: "250", equity: "100", expected: .of("-0.1")),
        ScoreCase(name: "bitmex: a loss rounds toward zero, (−100/400) / (300/100) = −0.0833…", ranking: .bitmex,
                  size: "3", entryValue: "400", equity: "100", expected: .of("-0.083333333333333333")),
        ScoreCase(name: "bitmex: no profit scores zero, 0 / 2", ranking: .bitmex,
                  entryValue: "200", equity: "100", expected: .zero),
        ScoreCase(name: "bitmex: short in profit, 40/240 (down) × 200/40 = 0.1666… × 5", ranking: .bitmex,
                  side: .sell, entryValue: "240", equity: "40", expected: .of("0.83333333333333333")),
        ScoreCase(name: "bitmex: profit without positive equity ranks first", ranking: .bitmex,
                  entryValue: "160", equity: "0", expected: .highest),
        ScoreCase(name: "bitmex: a loss without positive equity ranks last", ranking: .bitmex,
                  entryValue: "250", equity: "-10", expected: .lowest),
        // Binance: max(0, PnL) / max(1, WB) × MM / equity.
        ScoreCase(name: "binance: 40/100 × 4/200 = 0.4 × 0.02", ranking: .binance,
                  entryValue: "160", equity: "200", wallet: "100", maintenance: "4", expected: .of("0.008")),
        ScoreCase(name: "binance: a wallet below 1 counts as 1, 40/1 × 4/200", ranking: .binance,
                  entryValue: "160", equity: "200", wallet: "0.5", maintenance: "4", expected: .of("0.8")),
        ScoreCase(name: "binance: a loss scores zero", ranking: .binance,
                  entryValue: "250", equity: "200", wallet: "100", maintenance: "4", expected: .zero),
        ScoreCase(name: "binance: no positive equity, margin ratio 0", ranking: .binance,
                  entryValue: "160", equity: "0", wallet: "100", maintenance: "4", expected: .zero),
        ScoreCase(name: "binance: short in profit, 40/80 × 3/120 = 0.5 × 0.025", ranking: .binance,
                  side: .sell, entryValue: "240", equity: "120", wallet: "80", maintenance: "3", expected: .of("0.0125")),
        ScoreCase(name: "binance: a tiny product keeps its digits, 0.01/10000 × 0.1/10000 = 1e-11", ranking: .binance,
                  entryValue: "199.99", equity: "10000", wallet: "10000", maintenance: "0.1",
                  expected: .of("0.00000000001")),
        // Hyperliquid: (mark/entry or entry/mark) × notional / equity.
        ScoreCase(name: "hyperliquid: long in profit, 100/80 × 200/50 = 1.25 × 4", ranking: .hyperliquid,
                  entryValue: "160", equity: "50", expected: .of("5")),
        ScoreCase(name: "hyperliquid: short in profit, 120/100 × 200/100 = 1.2 × 2", ranking: .hyperliquid,
                  side: .sell, entryValue: "240", equity: "100", expected: .of("2.4")),
        ScoreCase(name: "hyperliquid: long at a loss still scores, 100/125 × 2 = 0.8 × 2", ranking: .hyperliquid,
                  entryValue: "250", equity: "100", expected: .of("1.6")),
        ScoreCase(name: "hyperliquid: flat, 1 × 2", ranking: .hyperliquid,
                  entryValue: "200", equity: "100", expected: .of("2")),
        ScoreCase(name: "hyperliquid: entry 250/3 = 83.33333333, 100/83.33333333 (down) × 3", ranking: .hyperliquid,
                  size: "3", entryValue: "250", equity: "100", expected: .of("3.600000000144")),
        ScoreCase(name: "hyperliquid: profit without positive equity ranks first", ranking: .hyperliquid,
                  entryValue: "160", equity: "0", expected: .highest),
        ScoreCase(name: "hyperliquid: a loss without positive equity ranks last", ranking: .hyperliquid,
                  entryValue: "250", equity: "0", expected: .lowest),
        // WhiteBIT: PnL / equity, winners only.
        ScoreCase(name: "whitebit: long in profit, 40/50", ranking: .whitebit,
                  entryValue: "160", equity: "50", expected: .of("0.8")),
        ScoreCase(name: "whitebit: short in profit, 40/160", ranking: .whitebit,
                  side: .sell, entryValue: "240", equity: "160", expected: .of("0.25")),
        ScoreCase(name: "whitebit: 1/3 rounds down", ranking: .whitebit,
                  entryValue: "199", equity: "3", expected: .of("0.333333333333333333")),
        ScoreCase(name: "whitebit: no profit ranks last", ranking: .whitebit,
                  entryValue: "200", equity: "100", expected: .lowest),
        ScoreCase(name: "whitebit: a loss ranks last", ranking: .whitebit,
                  entryValue: "250", equity: "100", expected: .lowest),
        ScoreCase(name: "whitebit: profit without positive equity ranks first", ranking: .whitebit,
                  entryValue: "160", equity: "0", expected: .highest),
    ])
    func score(_ test: ScoreCase) {
        let candidate = ADL.candidate(
            1, size: test.size, entryValue: test.entryValue, equity: test.equity, wallet: test.wallet,
            maintenance: test.maintenance)
        let score = QueuePolicy(ranking: test.ranking).priority(of: candidate, side: test.side, mark: .of(test.mark))
        #expect(score == test.expected, "got \(score)")
    }

    // MARK: The queue

    struct RankingCase: CustomTestStringConvertible, Sendable {
        var ranking: QueuePolicy.Ranking
        var testDescription: String { "\(ranking)" }
    }

    static let rankings = [QueuePolicy.Ranking.bitmex, .binance, .hyperliquid, .whitebit].map(RankingCase.init)

    /// Two identical long winners, accounts 9 (given first) and 4: the same score under any ranking,
    /// so account 4 is closed whole first and account 9 gives the last contract.
    @Test("a tie goes to the lower account number", arguments: rankings)
    func tieToLowerAccount(_ test: RankingCase) {
        let candidates = [
            ADL.candidate(9, size: "2", entryValue: "160", equity: "50", wallet: "100", maintenance: "4"),
            ADL.candidate(4, size: "2", entryValue: "160", equity: "50", wallet: "100", maintenance: "4"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "3", execution: "99", mark: "100")
        let plan = QueuePolicy(ranking: test.ranking).plan(terms, candidates: candidates)
        #expect(plan.allocations.map(\.candidate) == [1, 0])
        #expect(plan.allocations.map(\.quantity) == [.of("2"), .of("1")])
        #expect(plan.allocations[0].score == plan.allocations[1].score)
    }

    /// Longs at mark 100, lot 0.1, BitMEX scores:
    /// - account 2: 1.5 from 100/1.5, equity 50: PnL 50, PnL% 0.5, leverage 150/50 = 3: score 1.5;
    /// - account 1: 2 from 75, equity 100: PnL 50, PnL% 1/3, leverage 2: score 0.666…;
    /// - account 3: 3 from 80, equity 300: PnL 60, PnL% 0.25, leverage 1: score 0.25;
    /// - account 4: 0.8 from 106.25, at a loss: negative.
    /// 4.2 contracts: all 1.5 of account 2, all 2 of account 1, then 0.7 of account 3's 3.
    @Test("a queue takes candidates whole, best first, the last one partly")
    func wholeBestFirstLastPartly() {
        let candidates = [
            ADL.candidate(3, size: "3", entryValue: "240", equity: "300"),
            ADL.candidate(4, size: "0.8", entryValue: "85", equity: "100"),
            ADL.candidate(1, size: "2", entryValue: "150", equity: "100"),
            ADL.candidate(2, size: "1.5", entryValue: "100", equity: "50"),
        ]
        let terms = ADL.terms(bankrupt: .sell, quantity: "4.2", execution: "99", mark: "100", lot: "0.1")
        let plan = QueuePolicy(ranking: .bitmex).plan(terms, candidates: candidates)
        #expect(plan.allocations.map(\.candidate) == [3, 2, 0])
        #expect(plan.allocations.map(\.quantity) == [.of("1.5"), .of("2"), .of("0.7")])
        #expect(plan.allocations.map(\.score) == [.of("1.5"), .of("0.666666666666666666"), .of("0.25")])
        #expect(plan.totalClosed == .of("4.2"))
    }

    /// Under every ranking: scores never increase along the plan, every allocation but the last is
    /// its candidate's whole position, and no candidate appears twice.
    @Test("under every ranking the plan is whole positions in score order, the last partial", arguments: rankings)
    func queueShape(_ test: RankingCase) {
        let candidates = [
            ADL.candidate(3, size: "3", entryValue: "240", equity: "300", wallet: "250", maintenance: "1.5"),
            ADL.candidate(4, size: "0.8", entryValue: "85", equity: "100", wallet: "100", maintenance: "0.4"),
            ADL.candidate(1, size: "2", entryValue: "150", equity: "100", wallet: "60", maintenance: "1"),
            ADL.candidate(2, size: "1.5", entryValue: "100", equity: "50", wallet: "20", maintenance: "0.75"),
            ADL.candidate(5, size: "2.5", entryValue: "230", equity: "40", wallet: "30", maintenance: "1.25"),
        ]
        let policy = QueuePolicy(ranking: test.ranking)
        for quantity in ["0.1", "1.4", "3.3", "5.5", "9.8"] {
            let terms = ADL.terms(bankrupt: .sell, quantity: quantity, execution: "99", mark: "100", lot: "0.1")
            let plan = policy.plan(terms, candidates: candidates)
            #expect(plan.totalClosed == .of(quantity))
            #expect(Set(plan.allocations.map(\.candidate)).count == plan.allocations.count)
            for (position, allocation) in plan.allocations.enumerated() {
                let candidate = candidates[allocation.candidate]
                #expect(allocation.score == policy.priority(of: candidate, side: .buy, mark: .of("100")))
                if position + 1 < plan.allocations.count {
                    #expect(allocation.quantity == candidate.size)
                    #expect(allocation.score! >= plan.allocations[position + 1].score!)
                } else {
                    #expect(allocation.quantity <= candidate.size)
                }
            }
            // Whoever was left out scores no higher than the last one taken.
            let taken = Set(plan.allocations.map(\.candidate))
            for index in candidates.indices where !taken.contains(index) {
                #expect(policy.priority(of: candidates[index], side: .buy, mark: .of("100"))
                    <= plan.allocations.last!.score!)
            }
        }
    }
}
