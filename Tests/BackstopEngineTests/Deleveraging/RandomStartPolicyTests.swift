import BackstopCore
@testable import BackstopEngine
import Testing

/// dYdX v4's ADL (REFERENCE section 6): no ranking; counterparties in account order from a
/// pseudo-random start, skipping those the fill would push under maintenance.
@Suite struct RandomStartPolicyTests {
    /// Longs of 4 at mark 660 closed at 650 (haircut 10 a contract), healthy (equity 1,000, maintenance
    /// 10), given out of account order: accounts 3, 1, 5, 2, 4 at indices 0 to 4.
    static let accounts: [UInt64] = [3, 1, 5, 2, 4]

    static func candidates(equity: [UInt64: String] = [:], maintenance: String = "10") -> [DeleveragingCandidate] {
        accounts.map {
            ADL.candidate($0, size: "4", entryValue: "2400", equity: equity[$0] ?? "1000", maintenance: maintenance)
        }
    }

    static func terms(_ quantity: String, seed: UInt64) -> DeleveragingTerms {
        ADL.terms(bankrupt: .sell, quantity: quantity, execution: "650", mark: "660", seed: seed)
    }

    /// The first seed whose start (in account order) is `position` out of `count`.
    static func seed(startingAt position: Int, of count: Int) -> UInt64 {
        (UInt64(0)...).first { Int(RandomStartPolicy.mix($0) % UInt64(count)) == position }!
    }

    /// Index in `accounts` of an account.
    static func index(of account: UInt64) -> Int { accounts.firstIndex(of: account)! }

    @Test("the same seed gives the same plan")
    func sameSeedSamePlan() {
        for seed: UInt64 in [0, 1, 42, 0xDEAD_BEEF, .max] {
            let first = RandomStartPolicy().plan(Self.terms("6", seed: seed), candidates: Self.candidates())
            let second = RandomStartPolicy().plan(Self.terms("6", seed: seed), candidates: Self.candidates())
            #expect(first == second)
            #expect(first.totalClosed == .of("6"))
        }
    }

    /// The start is SplitMix64's finalizer of the seed modulo the count, in account order; over 64
    /// seeds every one of the 5 accounts is the start at least once.
    @Test("different seeds start at different accounts")
    func differentSeedsDifferentStarts() {
        var starts: Set<AccountID> = []
        for seed in UInt64(0)..<64 {
            let plan = RandomStartPolicy().plan(Self.terms("1", seed: seed), candidates: Self.candidates())
            let expected = AccountID(RandomStartPolicy.mix(seed) % 5 + 1)
            #expect(plan.allocations.count == 1)
            #expect(Self.candidates()[plan.allocations[0].candidate].account == expected, "seed \(seed)")
            starts.insert(expected)
        }
        #expect(starts.count == 5)
        let atTwo = RandomStartPolicy().plan(Self.terms("1", seed: Self.seed(startingAt: 1, of: 5)), candidates: Self.candidates())
        let atFour = RandomStartPolicy().plan(Self.terms("1", seed: Self.seed(startingAt: 3, of: 5)), candidates: Self.candidates())
        #expect(atTwo.allocations.map(\.candidate) == [Self.index(of: 2)])
        #expect(atFour.allocations.map(\.candidate) == [Self.index(of: 4)])
    }

    /// Starting at account 5, the last: it gives all 4, then the order wraps to account 1 for 2 more.
    @Test("the visit wraps around past the last account")
    func wrapsAround() {
        let seed = Self.seed(startingAt: 4, of: 5)
        let plan = RandomStartPolicy().plan(Self.terms("6", seed: seed), candidates: Self.candidates())
        #expect(plan.allocations.map(\.candidate) == [Self.index(of: 5), Self.index(of: 1)])
        #expect(plan.allocations.map(\.quantity) == [.of("4"), .of("2")])
        #expect(plan.allocations.allSatisfy { $0.score == nil && $0.debit == .zero })
        #expect(plan.candidatesConsidered == 2)
    }

    struct SkipCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Account 2's equity (maintenance 8 on its 4 contracts).
        var equity: String
        var skipped: Bool
        var testDescription: String { name }
    }

    /// Starting at account 2 with 2 to close: the haircut is 2 × 10 = 20 and the maintenance of the 2
    /// contracts left is 8 × 2/4 = 4, so the fill keeps account 2 at or above maintenance only if its
    /// equity is at least 24.
    @Test("a candidate the fill would push below maintenance is skipped in the first pass", arguments: [
        SkipCase(name: "equity 24: 24 − 20 = 4 ≥ 4, taken", equity: "24", skipped: false),
        SkipCase(name: "equity 23.99999999: one unit short, skipped", equity: "23.99999999", skipped: true),
        SkipCase(name: "equity −5: skipped", equity: "-5", skipped: true),
    ])
    func skipsBelowMaintenance(_ test: SkipCase) {
        let candidates = Self.candidates(equity: [2: test.equity], maintenance: "8")
        let seed = Self.seed(startingAt: 1, of: 5)
        let plan = RandomStartPolicy().plan(Self.terms("2", seed: seed), candidates: candidates)
        if test.skipped {
            // Account 3 is next in account order and takes the 2.
            #expect(plan.allocations.map(\.candidate) == [Self.index(of: 3)])
            #expect(plan.candidatesConsidered == 2)
        } else {
            #expect(plan.allocations.map(\.candidate) == [Self.index(of: 2)])
            #expect(plan.candidatesConsidered == 1)
        }
        #expect(plan.totalClosed == .of("2"))
    }

    /// Start at account 1 with 10 to close; accounts 2 (equity 30), 4 and 5 (equity 20) are weak.
    /// First pass: account 1 gives 4; account 2 would give 4 (30 − 40 < 0): skipped; account 3 gives
    /// 4, 2 left; accounts 4 and 5 would give 2 (20 − 20 = 0 < maintenance 10 × 2/4 = 5): skipped.
    /// The second pass from account 1 again: account 1 is empty, account 2 gives the last 2.
    @Test("a second pass from the same start completes the round")
    func secondPassCompletes() {
        let candidates = Self.candidates(equity: [2: "30", 4: "20", 5: "20"])
        let seed = Self.seed(startingAt: 0, of: 5)
        let plan = RandomStartPolicy().plan(Self.terms("10", seed: seed), candidates: candidates)
        #expect(plan.allocations.map(\.candidate) == [Self.index(of: 1), Self.index(of: 3), Self.index(of: 2)])
        #expect(plan.allocations.map(\.quantity) == [.of("4"), .of("4"), .of("2")])
        #expect(plan.totalClosed == .of("10"))
        #expect(plan.candidatesConsidered == 5)
    }

    /// Everyone unhealthy: the first pass takes no one, the second takes them in order from the start.
    @Test("when everyone would fall below maintenance the second pass takes them in order")
    func everyoneUnhealthy() {
        let candidates = Self.candidates(equity: [1: "1", 2: "1", 3: "1", 4: "1", 5: "1"])
        let seed = Self.seed(startingAt: 3, of: 5)
        let plan = RandomStartPolicy().plan(Self.terms("6", seed: seed), candidates: candidates)
        #expect(plan.allocations.map(\.candidate) == [Self.index(of: 4), Self.index(of: 5)])
        #expect(plan.allocations.map(\.quantity) == [.of("4"), .of("2")])
        #expect(plan.candidatesConsidered == 5)
    }

    /// 600 one-contract longs, all unhealthy but the one 550 places after the start: the first pass
    /// stops after 500 visits without reaching it, so the second pass takes the start itself.
    @Test("the first pass visits at most 500 accounts")
    func visitLimit() {
        let seed: UInt64 = 7
        let start = Int(RandomStartPolicy.mix(seed) % 600)
        let healthy = (start + 550) % 600
        let candidates = (0..<600).map { position in
            ADL.candidate(UInt64(position + 1), size: "1", entryValue: "600",
                          equity: position == healthy ? "1000" : "1", maintenance: "1")
        }
        let plan = RandomStartPolicy().plan(Self.terms("1", seed: seed), candidates: candidates)
        #expect(plan.allocations.map(\.candidate) == [start])
        #expect(plan.candidatesConsidered == RandomStartPolicy.visitLimit)
        // Within 500 it is found in the first pass.
        let near = (start + 450) % 600
        let reachable = candidates.indices.map { position in
            ADL.candidate(UInt64(position + 1), size: "1", entryValue: "600",
                          equity: position == near ? "1000" : "1", maintenance: "1")
        }
        let found = RandomStartPolicy().plan(Self.terms("1", seed: seed), candidates: reachable)
        #expect(found.allocations.map(\.candidate) == [near])
        #expect(found.candidatesConsidered == 451)
    }

    @Test("no candidates, no plan")
    func empty() {
        let plan = RandomStartPolicy().plan(Self.terms("1", seed: 3), candidates: [])
        #expect(plan.allocations.isEmpty)
        #expect(plan.candidatesConsidered == 0)
    }
}
