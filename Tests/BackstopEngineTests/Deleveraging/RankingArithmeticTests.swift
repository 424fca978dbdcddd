import BackstopCore
@testable import BackstopEngine
import Testing

/// The pieces the fast paths stand on, each against the plain computation: ``ScoreOrder`` against a
/// comparison sort, ``RoundValuation`` against the candidate's own arithmetic, and ``MarketHolders``
/// against a sorted list.
@Suite struct RankingArithmeticTests {
    static func draw(_ range: ClosedRange<Int64>, _ generator: inout SplitMix64) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        return range.lowerBound &+ Int64(bitPattern: width == 0 ? generator.next() : generator.next() % width)
    }

    /// A score from a few families: repeated small values, wide values of either sign, the extremes.
    static func score(_ generator: inout SplitMix64) -> Score {
        switch generator.next() % 6 {
        case 0: Score(raw: Int128(draw(-3...3, &generator)))
        case 1: Score(raw: Int128(draw(.min + 1 ... .max, &generator)))
        case 2: Score(raw: Int128(draw(.min + 1 ... .max, &generator)) * Int128(draw(1...1 << 40, &generator)))
        case 3: [Score.lowest, .highest, .zero][Int(generator.next() % 3)]
        case 4: Score(raw: Score.highest.raw - Int128(draw(0...5, &generator)))
        default: Score(raw: (Int128(1) << 80) + Int128(draw(-2...2, &generator)))
        }
    }

    @Test("ScoreOrder gives the exact order: score ascending, then account descending", arguments: [1, 2, 40, 3_000])
    func scoreOrder(count: Int) {
        var generator = SplitMix64(seed: 0x0DE2 + UInt64(count))
        for round in 0..<20 {
            let scores = (0..<count).map { _ in Self.score(&generator) }
            // Rising accounts in half the rounds (the usual case), shuffled in the others.
            let accounts = (0..<count).map { index in
                AccountID(round % 2 == 0 ? UInt64(index) * 3 : generator.next() % UInt64(count * 4))
            }
            let expected = scores.indices.sorted {
                scores[$0] != scores[$1] ? scores[$0] < scores[$1] : accounts[$0] > accounts[$1]
            }
            let order = ScoreOrder.ascending(scores, accounts: accounts)
            #expect(order.map { scores[$0] } == expected.map { scores[$0] }, "round \(round)")
            #expect(order.map { accounts[$0] } == expected.map { accounts[$0] }, "round \(round)")
        }
    }

    @Test("ScoreOrder's key never orders two scores against their order")
    func keysFollowScores() {
        var generator = SplitMix64(seed: 0x4E75)
        for _ in 0..<20_000 {
            let (first, second) = (Self.score(&generator), Self.score(&generator))
            let (low, high) = first <= second ? (first, second) : (second, first)
            #expect(ScoreOrder.key(low) <= ScoreOrder.key(high), "\(low) and \(high)")
        }
    }

    @Test("RoundValuation's value, lots and profit equal the candidate's own")
    func roundValuation() {
        var generator = SplitMix64(seed: 0x50A1)
        for _ in 0..<20_000 {
            let lot: Int64 = [1, 1_000, 100_000, 100_000_000, 7][Int(generator.next() % 5)]
            let mark = Price(raw: Self.draw(1...(Int64(1) << Int64(generator.next() % 45 + 1)), &generator))
            let terms = DeleveragingTerms(
                bankruptSide: generator.next() % 2 == 0 ? .buy : .sell, quantity: Quantity(raw: lot), executionPrice: mark,
                markPrice: mark, lotSize: Quantity(raw: lot))
            let size = Quantity(raw: Self.draw(-(Int64(1) << 40)...(Int64(1) << 40), &generator))
            guard let value = size.valueIfRepresentable(at: mark, rounding: .down), value.raw.magnitude < 1 << 61 else { continue }
            let candidate = DeleveragingCandidate(
                account: AccountID(1), size: size, entryValue: Money(raw: Self.draw(-(1 << 60)...(1 << 60), &generator)),
                equity: .zero, walletBalance: .zero, maintenanceMargin: .zero)
            let valuation = RoundValuation(terms: terms)
            #expect(valuation.value(size) == value, "\(size) at \(mark)")
            #expect(valuation.lots(size) == size.raw / lot, "\(size) in lots of \(lot)")
            #expect(valuation.profit(candidate, side: terms.counterpartySide)
                == candidate.unrealizedPnL(at: mark, side: terms.counterpartySide))
        }
    }

    @Test("MarketHolders lists every account once, in order, whatever the order they joined")
    func holders() {
        var generator = SplitMix64(seed: 0x401D)
        for round in 0..<30 {
            var holders = MarketHolders()
            var accounts = (0..<Int(generator.next() % 3_000)).map { $0 * 2 + Int(generator.next() % 2) }
            // Rising, as accounts are created, with a tenth joining late; every third round shuffled.
            for index in accounts.indices.reversed() where round % 3 == 0 || generator.next() % 10 == 0 {
                accounts.swapAt(index, Int(generator.next() % UInt64(index + 1)))
            }
            var joined: [Int] = []
            for account in accounts {
                holders.insert(account)
                joined.append(account)
            }
            #expect(holders.accounts.map(Int.init) == joined.sorted(), "round \(round)")
            #expect(holders.count == joined.count)
        }
    }
}
